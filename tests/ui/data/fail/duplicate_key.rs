#[derive(modsmith::Data)]
pub struct User {
    #[data(default = 1, default = 2)]
    age: u8,
}

fn main() {}
