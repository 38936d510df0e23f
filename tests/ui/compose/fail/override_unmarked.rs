#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth)]
    pub mod app {
        pub fn login() {}
    }
}

fn main() {}
