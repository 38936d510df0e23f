#[derive(modsmith::Data)]
#[data(deserialize = true)]
pub struct Signup {
    name: String,
}

fn main() {}
