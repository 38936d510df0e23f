// An `exclude` that matches no item of its pass's kinds leaves nothing out: a warning (denied
// here to show it). `Point` is a struct, and `deprecate` here applies only to functions.
#![deny(deprecated)]

#[modsmith::transform(doc = "Shapes.", deprecate(on = "fn", exclude = "Point"))]
mod shapes {
    pub struct Point;
}

fn main() {
    let _ = shapes::Point;
}
