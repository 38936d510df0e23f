#[modsmith::transform(derive(Debug))]
mod handlers;

fn main() {}
