#[modsmith::export_module]
pub mod m;

fn main() {}
