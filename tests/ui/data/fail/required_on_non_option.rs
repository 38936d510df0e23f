#[derive(modsmith::Data)]
pub struct User {
    #[data(required)]
    name: String,
}

fn main() {}
