// `#[adaptive]` on a function: it goes on the module that holds the function.
#[modsmith::adaptive]
pub fn charge(cents: u64) -> u64 {
    cents
}

fn main() {}
