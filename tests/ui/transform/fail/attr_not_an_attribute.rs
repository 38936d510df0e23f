#[modsmith::transform(attr("must_use", on = "fn"))]
mod m {}

fn main() {}
