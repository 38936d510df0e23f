// A `#[cfg]` on a parameter cannot be followed by the slot's replacement and arguments types.
#[modsmith::adaptive]
pub mod m {
    pub fn rate(#[cfg(unix)] unix: u32, all: u32) -> u32 {
        all
    }
}

fn main() {}
