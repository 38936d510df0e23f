#[modsmith::instrument]
struct Point {
    x: f64,
}

fn main() {}
