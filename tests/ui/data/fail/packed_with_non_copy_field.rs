#[derive(modsmith::Data)]
#[repr(packed)]
pub struct Record {
    id: u32,
    name: String,
}

fn main() {}
