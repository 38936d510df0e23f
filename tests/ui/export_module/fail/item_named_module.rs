#[modsmith::export_module]
pub mod m {
    pub fn module() -> i64 {
        1
    }
}

fn main() {}
