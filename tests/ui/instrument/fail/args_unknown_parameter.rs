#[modsmith::instrument(args(usr))]
fn login(user: &str) {
    let _ = user;
}

fn main() {}
