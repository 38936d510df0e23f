#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range()))]
    age: u8,
}

fn main() {}
