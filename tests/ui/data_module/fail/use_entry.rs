modsmith::data_module! {
    pub mod shapes {
        use std::collections::BTreeMap;
        Point { x: f64, y: f64 },
    }
}

fn main() {}
