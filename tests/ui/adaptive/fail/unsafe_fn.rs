// An `unsafe fn`'s safety contract cannot be carried by a replacement: refused at `unsafe`.
#[modsmith::adaptive]
pub mod m {
    pub unsafe fn read(pointer: *const u8) -> u8 {
        unsafe { *pointer }
    }
}

fn main() {}
