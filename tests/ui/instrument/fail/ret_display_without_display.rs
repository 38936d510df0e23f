#[modsmith::instrument(ret(Display))]
pub fn bytes() -> Vec<u8> {
    vec![1]
}

fn main() {
    let _ = bytes();
}
