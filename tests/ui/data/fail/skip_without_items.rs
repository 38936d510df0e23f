#[derive(modsmith::Data)]
pub struct User {
    #[data(skip)]
    password_hash: String,
}

fn main() {}
