#[derive(modsmith::Model)]
#[model(on_change = changed)]
struct User {
    name: String,
}

// Misses the old and new values.
fn changed(_: &User, _: &str) {}

fn main() {}
