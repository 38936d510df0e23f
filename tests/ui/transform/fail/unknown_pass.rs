#[modsmith::transform(derve(Debug))]
mod m {}

fn main() {}
