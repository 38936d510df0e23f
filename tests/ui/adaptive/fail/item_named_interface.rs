// The macro adds `interface()` to the module: an item already named so is refused.
#[modsmith::adaptive]
pub mod m {
    #[allow(non_camel_case_types)]
    pub struct interface;

    pub fn rate() -> u32 {
        7
    }
}

fn main() {}
