#[derive(modsmith::Data)]
#[data(validat = User::check)]
pub struct User {
    age: u8,
}

fn main() {}
