pub struct Store;

#[modsmith::instrument(skip)]
impl Store {
    pub fn get(&self) -> u8 {
        1
    }
}

fn main() {
    let _ = Store.get();
}
