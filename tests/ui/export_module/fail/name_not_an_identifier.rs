#[modsmith::export_module(name = "my math")]
pub mod m {
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }
}

fn main() {}
