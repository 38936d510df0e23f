// `version` is a string: `version = 2` is refused at the value.
#[modsmith::adaptive(version = 2)]
pub mod m {
    pub fn rate() -> u32 {
        7
    }
}

fn main() {}
