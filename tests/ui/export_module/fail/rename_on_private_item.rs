#[modsmith::export_module]
pub mod m {
    #[export(rename = "helper")]
    fn internal() -> i64 {
        1
    }

    pub fn public() -> i64 {
        internal()
    }
}

fn main() {}
