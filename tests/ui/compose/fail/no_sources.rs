modsmith::compose! {
    pub mod app {}
}

modsmith::compose! {
    #[compose()]
    pub mod empty {}
}

fn main() {}
