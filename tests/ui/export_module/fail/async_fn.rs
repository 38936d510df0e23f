#[modsmith::export_module]
pub mod m {
    pub async fn fetch() -> i64 {
        1
    }
}

fn main() {}
