#[derive(modsmith::Data)]
pub struct User {
    name: String,
    password_hash: String,
    age: Option<u8>,
}

fn main() {
    let _user = User::builder().age(3).build();
}
