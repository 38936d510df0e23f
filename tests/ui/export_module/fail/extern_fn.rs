#[modsmith::export_module]
pub mod m {
    pub extern "C" fn callback(value: i64) -> i64 {
        value
    }
}

fn main() {}
