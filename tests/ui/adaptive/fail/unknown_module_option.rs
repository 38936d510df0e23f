// A misspelt module option, with the option meant.
#[modsmith::adaptive(verison = "1")]
pub mod m {
    pub fn rate() -> u32 {
        7
    }
}

fn main() {}
