#[modsmith::instrument(skip)]
fn work() {}

fn main() {}
