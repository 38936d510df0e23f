#[derive(modsmith::Model)]
struct User {
    name: String,
    #[model(rename = "name")]
    nickname: String,
}

fn main() {}
