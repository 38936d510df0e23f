#[derive(modsmith::Model)]
#[model(mta(table = "users"))]
struct User {
    name: String,
}

fn main() {}
