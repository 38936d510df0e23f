// The macro adds `supports()` to the module: an item already named so is refused.
#[modsmith::adaptive]
pub mod m {
    pub const supports: bool = true;

    pub fn rate() -> u32 {
        7
    }
}

fn main() {}
