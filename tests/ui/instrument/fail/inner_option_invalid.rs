struct Store;

#[modsmith::instrument]
impl Store {
    #[instrument(level = "loud")]
    fn get(&self) {}
}

fn main() {}
