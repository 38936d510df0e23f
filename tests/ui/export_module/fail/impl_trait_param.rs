#[modsmith::export_module]
pub mod m {
    pub fn show(value: impl std::fmt::Display) -> String {
        value.to_string()
    }
}

fn main() {}
