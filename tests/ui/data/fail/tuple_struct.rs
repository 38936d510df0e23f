#[derive(modsmith::Data)]
pub struct Meters(f64);

fn main() {}
