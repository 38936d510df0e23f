#[derive(modsmith::Data)]
pub struct Price {
    #[data(validate(range(min = 0)))]
    amount: f64,
}

fn main() {}
