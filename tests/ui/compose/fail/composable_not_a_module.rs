#[modsmith::composable]
pub fn login() {}

#[modsmith::composable]
pub struct User;

fn main() {}
