#![deny(deprecated)]

#[modsmith::transform(deprecate(note = "use v2", on = "struct", include = "Old*"))]
mod v1 {
    pub struct OldThing;
    pub struct Current;
}

fn main() {
    let _ = v1::Current;
    let _ = v1::OldThing;
}
