fn check(name: &str) -> Result<(), &'static str> {
    if name.is_empty() { Err("empty") } else { Ok(()) }
}

#[derive(modsmith::Data)]
pub struct User {
    #[data(validate = check)]
    name: String,
}

fn main() {
    let _ = User::new("ann".to_owned());
}
