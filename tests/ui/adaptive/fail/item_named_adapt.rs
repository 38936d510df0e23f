// The macro adds `adapt` to the module: an item already named so is refused.
#[modsmith::adaptive]
pub mod m {
    pub fn adapt() -> u32 {
        1
    }
}

fn main() {}
