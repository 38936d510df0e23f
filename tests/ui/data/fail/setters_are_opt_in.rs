// `set_*` and `with_*` are generated only when the struct asks for them.
#[derive(modsmith::Data)]
pub struct User {
    name: String,
}

fn main() {
    let mut user = User::new("ann".to_owned());
    user.set_name("bob".to_owned());
    let _user = user.with_name("carol".to_owned());
}
