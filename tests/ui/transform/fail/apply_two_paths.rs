#[modsmith::transform(apply(inline, cold, on = "fn"))]
mod m {}

fn main() {}
