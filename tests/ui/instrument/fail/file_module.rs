#[modsmith::instrument]
mod handlers;

fn main() {}
