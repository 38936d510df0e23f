#[modsmith::instrument(exclude = "helper_*")]
fn work() {}

fn main() {}
