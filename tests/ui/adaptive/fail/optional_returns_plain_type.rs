// An optional function returning `u32` has nothing to return before it is provided.
#[modsmith::adaptive]
pub mod m {
    #[adaptive(optional)]
    pub fn rate(currency: &str) -> u32;
}

fn main() {}
