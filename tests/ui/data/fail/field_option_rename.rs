#[derive(modsmith::Data)]
pub struct User {
    #[data(rename = "user_name")]
    name: String,
}

fn main() {
    let _ = User::new("ann".to_owned());
}
