modsmith::data_module! {
    /// Documented module.
    pub mod geometry {
        /// A point.
        #[derive(Debug, Clone, Copy, PartialEq)]
        Point { x: f64, y: f64 },
        struct Named<T> where T: Clone { name: T },
    }
}

fn main() {
    let p = geometry::Point::builder().x(1.0).y(2.0).build();
    assert_eq!(p, geometry::Point::new(1.0, 2.0));
    assert_eq!(*geometry::Named::new(3u8).name(), 3);
}
