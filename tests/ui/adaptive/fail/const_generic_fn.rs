// A const parameter makes a function generic too: refused, pointing at the parameter.
#[modsmith::adaptive]
pub mod m {
    pub fn scaled<const N: u32>(value: u32) -> u32 {
        value * N
    }
}

fn main() {}
