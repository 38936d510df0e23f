#[derive(modsmith::Model)]
#[model(on_create = created)]
struct User {
    name: String,
}

// Takes the model mutably: hooks get it by shared reference.
fn created(user: &mut User) {
    user.name.push('!');
}

fn main() {}
