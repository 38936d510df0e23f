#[derive(modsmith::Data)]
pub struct User {
    #[data(into = 5)]
    name: String,
}

fn main() {}
