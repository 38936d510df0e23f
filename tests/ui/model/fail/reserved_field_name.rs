#[derive(modsmith::Model)]
struct User {
    __version: i64,
    #[model(rename = "__id")]
    id: i64,
}

fn main() {}
