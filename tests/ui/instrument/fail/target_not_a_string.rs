#[modsmith::instrument(target = 5)]
pub fn f() {}

fn main() {
    f();
}
