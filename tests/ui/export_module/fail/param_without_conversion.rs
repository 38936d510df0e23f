pub struct Point {
    pub x: i64,
}

#[modsmith::export_module]
pub mod m {
    use super::Point;

    pub fn x(point: Point) -> i64 {
        point.x
    }
}

fn main() {}
