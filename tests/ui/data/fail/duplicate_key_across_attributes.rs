#[derive(modsmith::Data)]
pub struct User {
    #[data(into)]
    #[data(into)]
    name: String,
}

fn main() {}
