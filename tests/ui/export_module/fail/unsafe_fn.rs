#[modsmith::export_module]
pub mod m {
    pub unsafe fn raw(pointer: usize) -> usize {
        pointer
    }
}

fn main() {}
