#[derive(modsmith::Model)]
#[model(meta(table = 5, schema))]
struct User {
    name: String,
}

fn main() {}
