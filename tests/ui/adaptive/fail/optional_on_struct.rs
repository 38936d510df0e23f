// `#[adaptive(..)]` goes on a function of the module, not on a struct.
#[modsmith::adaptive]
pub mod m {
    #[adaptive(optional)]
    pub struct Card {
        pub id: u32,
    }

    pub fn rate() -> u32 {
        7
    }
}

fn main() {}
