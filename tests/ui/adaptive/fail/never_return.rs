// A slot cannot return `!`: its replacement's type would need the unstable never type.
#[modsmith::adaptive]
pub mod exits {
    pub fn abort(message: &str) -> ! {
        panic!("{message}")
    }
}

fn main() {}
