#[modsmith::export_module]
pub mod m {
    #[export(skp)]
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }
}

fn main() {}
