#[modsmith::instrument(levle = "debug")]
fn work() {}

fn main() {}
