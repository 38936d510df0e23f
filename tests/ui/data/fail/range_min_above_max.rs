#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range(min = 130, max = 13)))]
    age: u8,
}

fn main() {}
