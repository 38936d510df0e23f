#[modsmith::instrument]
pub fn login(user: &str, #[redact] #[no_redact] token: &str) -> bool {
    user != token
}

fn main() {
    let _ = login("a", "b");
}
