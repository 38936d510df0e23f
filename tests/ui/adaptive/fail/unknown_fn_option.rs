// A misspelt function option, with the option meant.
#[modsmith::adaptive]
pub mod m {
    #[adaptive(optionl)]
    pub fn rate() -> Option<u32>;
}

fn main() {}
