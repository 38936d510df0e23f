pub struct Years(pub u8);

#[derive(modsmith::Data)]
pub struct User {
    #[data(default = "eighteen")]
    age: Years,
}

fn main() {}
