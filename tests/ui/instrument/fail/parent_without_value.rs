#[modsmith::instrument(parent, follows_from)]
pub fn work() {}

fn main() {
    work();
}
