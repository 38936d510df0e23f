#[derive(modsmith::Data)]
pub struct User {
    #[data(validate)]
    name: String,
}

fn main() {}
