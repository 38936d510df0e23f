#[modsmith::instrument(fields(= 1))]
pub fn work() {}

fn main() {
    work();
}
