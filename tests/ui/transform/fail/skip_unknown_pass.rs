#[modsmith::transform(derive(Debug))]
mod m {
    #[transform(skip(derives))]
    pub struct Point;
}

fn main() {}
