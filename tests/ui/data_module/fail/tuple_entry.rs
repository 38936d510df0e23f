modsmith::data_module! {
    pub mod shapes {
        Point(f64, f64),
    }
}

fn main() {}
