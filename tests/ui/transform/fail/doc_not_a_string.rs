#[modsmith::transform(doc = 5)]
mod m {}

fn main() {}
