modsmith::data_module! {
    pub mod shapes {
        Point { x: f64 }
        Size { w: f64 }
    }
}

fn main() {}
