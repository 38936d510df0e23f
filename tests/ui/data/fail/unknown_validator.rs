#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(lenght(max = 3)))]
    name: String,
}

fn main() {}
