#[derive(modsmith::Model)]
struct User {
    #[model(skip, rename = "secret")]
    token: String,
}

fn main() {}
