#[derive(modsmith::Data)]
#[data(crate)]
pub struct User {
    age: u8,
}

fn main() {}
