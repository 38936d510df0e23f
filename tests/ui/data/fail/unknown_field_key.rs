#[derive(modsmith::Data)]
pub struct User {
    #[data(defualt = 18)]
    age: u8,
}

fn main() {}
