#[derive(modsmith::Model)]
struct User {
    #[model(rename = "")]
    name: String,
}

fn main() {}
