// A type error in an async body is the user's: reported at their expression.
#[modsmith::instrument]
pub async fn count() -> u32 {
    "three"
}

fn main() {
    let _ = count();
}
