// An `extern "C"` fn cannot be a slot, which dispatches between Rust closures: refused at the ABI.
#[modsmith::adaptive]
pub mod m {
    pub extern "C" fn callback(value: i64) -> i64 {
        value
    }
}

fn main() {}
