#[derive(modsmith::Data)]
pub struct User {
    #[data(skip(gettr))]
    password_hash: String,
}

fn main() {}
