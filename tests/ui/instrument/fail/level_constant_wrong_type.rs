// A constant used as a level must be a `tracing::Level`: the compiler says so at the constant.
const LOUDNESS: u8 = 3;

#[modsmith::instrument(level = LOUDNESS)]
pub fn work() {}

fn main() {
    work();
}
