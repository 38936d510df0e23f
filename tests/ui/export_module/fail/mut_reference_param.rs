#[modsmith::export_module]
pub mod m {
    pub fn push(items: &mut Vec<i64>) {
        items.push(1);
    }
}

fn main() {}
