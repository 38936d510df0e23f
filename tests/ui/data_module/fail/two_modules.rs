modsmith::data_module! {
    pub mod shapes {
        Point { x: f64 },
    }
    pub mod more {}
}

fn main() {}
