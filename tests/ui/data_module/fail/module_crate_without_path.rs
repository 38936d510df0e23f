modsmith::data_module! {
    #[data(crate)]
    pub mod shapes {
        Point { x: f64 },
    }
}

fn main() {
    let _ = shapes::Point::new(1.0);
}
