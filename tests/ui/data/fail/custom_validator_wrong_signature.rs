fn check(value: u32) -> bool {
    value > 0
}

#[derive(modsmith::Data)]
pub struct Counter {
    #[data(validate(custom = check))]
    count: u32,
}

fn main() {}
