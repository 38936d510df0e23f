#[derive(modsmith::Data)]
#[data(validate = Self::check)]
pub struct User {
    name: String,
    #[data(default = 18, validate(range(min = 13, max = 130)))]
    age: u8,
    email: Option<String>,
    #[data(skip(getter))]
    password_hash: String,
}

impl User {
    fn check(&self) -> Result<(), &'static str> {
        Ok(())
    }
}

fn main() {
    let user = User::new("ann".into(), "hash".into()).unwrap();
    let name: &str = user.name();
    let age: u8 = user.age();
    let email: Option<&str> = user.email();
    assert_eq!((name, age, email), ("ann", 18, None));
    let built = User::builder().name("bob".into()).password_hash("h".into()).age(30).build();
    assert_eq!(built.unwrap().age(), 30);
}
