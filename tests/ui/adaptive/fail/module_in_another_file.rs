// `#[adaptive]` on `mod m;`: the attribute cannot see the functions in the other file.
#[modsmith::adaptive]
pub mod m;

fn main() {}
