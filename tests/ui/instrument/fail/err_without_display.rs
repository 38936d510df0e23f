// The error type has `Debug` but no `Display`, which `err` records with: one error, at `err`.
#[derive(Debug)]
pub struct Opaque;

#[modsmith::instrument(err)]
pub fn load() -> Result<u8, Opaque> {
    Err(Opaque)
}

fn main() {
    let _ = load();
}
