// An `exclude` that matches no function leaves nothing out: a warning (denied here to show it).
#![deny(deprecated)]

struct Store;

#[modsmith::instrument(exclude = "helper_*")]
impl Store {
    fn get(&self) -> u8 {
        self.helpr_value()
    }

    fn helpr_value(&self) -> u8 {
        1
    }
}

fn main() {
    Store.get();
}
