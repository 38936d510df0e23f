#[derive(modsmith::Data)]
pub struct Player {
    #[data(validate(range(min = "a", max = "5")))]
    level: u32,
}

fn main() {}
