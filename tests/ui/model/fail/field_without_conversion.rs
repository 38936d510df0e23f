#[derive(Clone)]
pub struct Address {
    pub street: String,
}

#[derive(modsmith::Model)]
struct User {
    name: String,
    address: Address,
}

fn main() {}
