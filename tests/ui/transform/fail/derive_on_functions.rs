#[modsmith::transform(derive(Debug, on = "fn"))]
mod m {}

fn main() {}
