#[derive(modsmith::Data)]
pub struct User {
    name: String,
}

fn main() {
    let _user = User::builder().name("a".into()).name("b".into()).build();
}
