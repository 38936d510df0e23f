#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range))]
    age: u8,
    #[data(validate(custom))]
    name: String,
}

fn main() {}
