#[derive(modsmith::Model)]
struct User {
    #[model(skp)]
    name: String,
}

fn main() {}
