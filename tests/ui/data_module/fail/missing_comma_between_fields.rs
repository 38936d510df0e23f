// A comma missing inside one entry's braces is that entry's error alone: the other structs of
// the module are still defined.
modsmith::data_module! {
    pub mod shapes {
        Point { x: f64 },
        Size { w: f64 h: f64 },
        Circle { r: f64 },
    }
}

// rustc stays silent about a name that a failed macro might have defined, so a missing module
// would add no error here by itself. This stand-in makes it visible: a glob import yields to
// an item of the same name defined here, so it is used only if `data_module!` generated no
// `shapes`, and it has no `Point`.
mod stand_ins {
    pub mod shapes {}
}
#[allow(unused_imports)]
use stand_ins::*;

fn main() {
    let _ = shapes::Point::new(1.0);
    let _ = shapes::Circle::new(2.0);
}
