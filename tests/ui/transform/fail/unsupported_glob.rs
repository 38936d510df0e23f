#[modsmith::transform(deprecate(include = "{a,b}"))]
mod m {}

fn main() {}
