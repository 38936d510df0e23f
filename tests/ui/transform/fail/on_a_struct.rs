#[modsmith::transform(derive(Debug))]
struct Point;

fn main() {}
