#[modsmith::export_module]
pub mod m {
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    #[export(rename = "add")]
    pub fn plus(a: i64, b: i64) -> i64 {
        a + b
    }
}

fn main() {}
