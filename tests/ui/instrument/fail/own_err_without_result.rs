pub struct Store;

#[modsmith::instrument]
impl Store {
    #[instrument(err)]
    pub fn len(&self) -> usize {
        0
    }
}

fn main() {
    let _ = Store.len();
}
