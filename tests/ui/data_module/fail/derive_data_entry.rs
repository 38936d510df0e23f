modsmith::data_module! {
    pub mod shapes {
        #[derive(modsmith::Data, Debug)]
        Point { x: f64, y: f64 },
    }
}

fn main() {}
