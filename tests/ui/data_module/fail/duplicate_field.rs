modsmith::data_module! {
    pub mod shapes {
        Point { x: f64, y: f64, x: f64 },
    }
}

fn main() {}
