modsmith::data_module! {
    pub mod accounts {
        #[data(builder = UserFactory)]
        User { name: String },
        UserBuilder { steps: u8 },
    }
}

fn main() {
    let user = accounts::User::builder().name("ann".to_owned()).build();
    let steps = accounts::UserBuilder::new(3);
    assert_eq!((user.name(), steps.steps()), ("ann", 3));
}
