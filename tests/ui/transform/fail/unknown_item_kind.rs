#[modsmith::transform(doc = "x", attr("#[must_use]", on = "function"))]
mod m {}

fn main() {}
