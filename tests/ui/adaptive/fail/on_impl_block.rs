// `#[adaptive]` on an `impl` block: methods belong to values, slots to a module.
pub struct Gateway;

#[modsmith::adaptive]
impl Gateway {
    pub fn charge(&self, cents: u64) -> u64 {
        cents
    }
}

fn main() {}
