// An optional function is provided at run time, so it has no body: refused at the body.
#[modsmith::adaptive]
pub mod m {
    #[derive(Debug)]
    pub struct Missing;

    impl From<modsmith::adaptive::NotProvided> for Missing {
        fn from(_: modsmith::adaptive::NotProvided) -> Self {
            Missing
        }
    }

    #[adaptive(optional)]
    pub fn refund(cents: u64) -> Result<u64, Missing> {
        Ok(cents)
    }
}

fn main() {}
