#[modsmith::export_module]
pub mod m {
    pub fn identity<T>(value: T) -> T {
        value
    }
}

fn main() {}
