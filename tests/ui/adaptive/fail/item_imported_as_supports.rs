// A name the macro adds, brought in by `use`: refused at the name, as an item of that name is.
mod capabilities {
    pub fn supports() {}
}

#[modsmith::adaptive]
pub mod m {
    pub use crate::capabilities::supports;

    pub fn rate() -> u32 {
        1
    }
}

fn main() {}
