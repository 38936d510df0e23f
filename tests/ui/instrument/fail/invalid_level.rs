#[modsmith::instrument(level = "verbose")]
fn work() {}

fn main() {}
