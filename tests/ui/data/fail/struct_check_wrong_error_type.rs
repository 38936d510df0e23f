#[derive(modsmith::Data)]
#[data(validate = Counter::check)]
pub struct Counter {
    count: u32,
}

impl Counter {
    fn check(&self) -> Result<(), u32> {
        Ok(())
    }
}

fn main() {}
