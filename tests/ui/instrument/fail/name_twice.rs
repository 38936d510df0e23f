#[modsmith::instrument("load", name = "fetch")]
pub fn load() {}

fn main() {
    load();
}
