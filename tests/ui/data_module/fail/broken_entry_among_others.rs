modsmith::data_module! {
    pub mod shapes {
        Point { x: f64 },
        Broken(f64),
        Size {
            #[data(defualt)]
            w: f64,
        },
    }
}

fn main() {
    // `Point` and `Size` are still defined: no error here.
    let _ = shapes::Point::new(1.0);
    let _ = shapes::Size::new(1.0);
}
