pub struct Store;

#[modsmith::instrument(name = "store_op")]
impl Store {
    pub fn get(&self) -> u8 {
        1
    }
}

fn main() {
    let _ = Store.get();
}
