pub struct Opaque;

#[modsmith::instrument(ret)]
pub fn make() -> Opaque {
    Opaque
}

fn main() {
    let _ = make();
}
