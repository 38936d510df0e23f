#[modsmith::transform(derive)]
mod shapes {
    pub struct Point;
}

fn main() {}
