modsmith::data_module! {
    pub mod shapes {
        Size {
            #[data(validate(range(min = 0)))]
            w: f64,
            #[data(defualt)]
            h: f64,
        },
    }
}

fn main() {
    // The module and its structs still exist, so this line adds no error.
    let _ = shapes::Size { w: 1.0, h: 1.0 };
}
