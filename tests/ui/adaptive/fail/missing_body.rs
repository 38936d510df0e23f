// A function without a body that is not `#[adaptive(optional)]`: refused at its signature.
#[modsmith::adaptive]
pub mod m {
    pub fn refund(cents: u64) -> Option<u64>;
}

fn main() {}
