modsmith::data_module! {
    pub mod shapes {
        Point { x: f64, y: f64 },
        Size { w: f64, h: f64 },
        Point { x: i32, y: i32 },
    }
}

fn main() {}
