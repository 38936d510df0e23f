#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(length(max = 3)))]
    age: u8,
}

fn main() {}
