struct Store;

#[modsmith::instrument(include = "get_[ab]")]
impl Store {
    fn get_a(&self) {}
}

fn main() {}
