#[modsmith::export_module]
pub mod m {
    pub const LIMIT: u64 = u64::MAX;
}

fn main() {}
