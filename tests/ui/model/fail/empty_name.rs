#[derive(modsmith::Model)]
#[model(name = "")]
struct User {
    name: String,
}

fn main() {}
