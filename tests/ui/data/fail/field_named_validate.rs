#[derive(modsmith::Data)]
pub struct Check {
    validate: bool,
    field: u8,
}

fn main() {}
