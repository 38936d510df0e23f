modsmith::compose! {
    #[compose(self::app)]
    pub mod app {}
}

fn main() {}
