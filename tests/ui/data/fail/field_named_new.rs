#[derive(modsmith::Data)]
pub struct Release {
    new: bool,
}

fn main() {}
