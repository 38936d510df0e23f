#[modsmith::instrument]
const fn seven() -> u8 {
    7
}

fn main() {}
