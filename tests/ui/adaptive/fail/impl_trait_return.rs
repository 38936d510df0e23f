// An `impl Trait` return is a hidden type a replacement could not return: refused at it.
#[modsmith::adaptive]
pub mod m {
    pub fn evens(limit: u32) -> impl Iterator<Item = u32> {
        (0..limit).filter(|n| n % 2 == 0)
    }
}

fn main() {}
