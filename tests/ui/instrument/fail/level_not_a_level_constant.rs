#[modsmith::instrument(level = Level::LOUD)]
pub fn f() {}

fn main() {
    f();
}
