#[derive(modsmith::Model)]
#[model(on_create = |user: &User| drop(user))]
struct User {
    name: String,
}

fn main() {}
