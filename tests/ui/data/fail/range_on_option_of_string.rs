#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range(min = 1)))]
    nickname: Option<String>,
}

fn main() {}
