#[modsmith::transform(deprecate(on = "fn", only = "public"))]
mod m {}

fn main() {}
