// An optional function's error needs `From<NotProvided>`; `MyError` has none, which is
// reported at the return type.
#[modsmith::adaptive]
pub mod m {
    #[derive(Debug)]
    pub struct MyError;

    #[adaptive(optional)]
    pub fn refund(cents: u64) -> Result<u32, MyError>;
}

fn main() {}
