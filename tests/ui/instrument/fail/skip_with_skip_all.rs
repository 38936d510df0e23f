#[modsmith::instrument(skip_all, skip(password))]
pub fn login(user: &str, password: &str) -> bool {
    user != password
}

fn main() {
    let _ = login("a", "b");
}
