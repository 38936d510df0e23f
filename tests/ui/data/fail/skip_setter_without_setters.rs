// Without `#[data(set)]` or `#[data(with)]` there are no setters to leave out.
#[derive(modsmith::Data)]
pub struct User {
    #[data(skip(setter))]
    name: String,
    #[data(skip(getter, setter))]
    age: u8,
}

fn main() {}
