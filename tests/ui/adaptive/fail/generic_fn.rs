// A generic function cannot be a slot: one replacement cannot be generic over `T`.
#[modsmith::adaptive]
pub mod m {
    pub fn show<T: std::fmt::Debug>(value: T) -> String {
        format!("{value:?}")
    }
}

fn main() {}
