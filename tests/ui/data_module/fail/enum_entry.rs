modsmith::data_module! {
    pub mod shapes {
        Point { x: f64, y: f64 },
        enum Kind { Circle, Square },
    }
}

fn main() {}
