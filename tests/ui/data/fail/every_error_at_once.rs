#[derive(modsmith::Data)]
#[data(vaildate = User::check)]
pub struct User {
    #[data(validate(range(min = 1)))]
    name: String,
    #[data(required)]
    age: u8,
    #[data(skip(setters))]
    email: Option<String>,
}

fn main() {}
