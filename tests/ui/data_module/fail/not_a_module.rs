modsmith::data_module! {
    Point { x: f64, y: f64 }
}

fn main() {}
