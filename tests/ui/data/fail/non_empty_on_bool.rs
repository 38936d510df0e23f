#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(non_empty))]
    active: bool,
}

fn main() {}
