// An `async fn` returns an anonymous future a replacement could not return: refused at `async`.
#[modsmith::adaptive]
pub mod m {
    pub async fn fetch(id: u64) -> u64 {
        id
    }
}

fn main() {}
