#[derive(modsmith::Data)]
pub struct Signup {
    #[data(deserialize)]
    name: String,
}

fn main() {}
