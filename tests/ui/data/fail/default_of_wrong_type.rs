#[derive(modsmith::Data)]
pub struct User {
    #[data(default = "eighteen")]
    age: u8,
}

fn main() {}
