// The option is wrong, but `new`, the builder and the getters are still generated, so the
// only error is the option's own.
#[derive(modsmith::Data)]
pub struct User {
    #[data(validate(range(min = 1)))]
    name: String,
    age: u8,
}

fn main() {
    let user = User::new("ann".to_owned(), 3);
    let _: &str = user.name();
    let _ = User::builder().name(String::new()).age(1).build();
}
