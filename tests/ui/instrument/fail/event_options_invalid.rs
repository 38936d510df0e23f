#[modsmith::instrument(ret(Pretty), err = 5)]
pub fn work() -> Result<u8, String> {
    Ok(1)
}

fn main() {
    let _ = work();
}
