pub struct Point {
    pub x: i64,
}

#[modsmith::export_module]
pub mod m {
    use super::Point;

    pub fn origin() -> Point {
        Point { x: 0 }
    }
}

fn main() {}
