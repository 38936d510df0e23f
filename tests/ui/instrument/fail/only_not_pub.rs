struct Store;

#[modsmith::instrument(only = "public")]
impl Store {
    fn get(&self) {}
}

fn main() {}
