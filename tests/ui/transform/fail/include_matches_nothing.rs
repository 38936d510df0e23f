// A selector that matches no item its pass applies to is surely a typo: a warning (denied
// here to show it).
#![deny(deprecated)]

#[modsmith::transform(derive(Clone), attr("#[must_use]", on = "fn", include = "mk_*"))]
mod shapes {
    pub struct Point;

    pub fn make_point() -> Point {
        Point
    }
}

fn main() {
    let _ = shapes::make_point().clone();
}
