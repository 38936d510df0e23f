// A `const fn` cannot ask at compile time which implementation runs: refused at `const`.
#[modsmith::adaptive]
pub mod m {
    pub const fn limit() -> u32 {
        10
    }
}

fn main() {}
