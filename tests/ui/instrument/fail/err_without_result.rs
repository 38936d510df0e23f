#[modsmith::instrument(err)]
pub fn count(items: &[u8]) -> usize {
    items.len()
}

fn main() {
    let _ = count(&[1, 2]);
}
