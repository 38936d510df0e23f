#[derive(modsmith::Data)]
pub struct User {
    name: String,
}

#[derive(modsmith::Data)]
pub struct Team {
    name: String,
    size: u8,
}

fn main() {
    let _user = User::builder().build();
    let _team = Team::builder().size(3).build();
}
