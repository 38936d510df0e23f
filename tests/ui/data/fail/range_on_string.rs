#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range(min = 1, max = 10)))]
    name: String,
}

fn main() {}
