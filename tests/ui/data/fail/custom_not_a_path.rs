#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(custom = 5))]
    name: String,
}

fn main() {}
