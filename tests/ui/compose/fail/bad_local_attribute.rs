#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth)]
    pub mod app {
        #[compose(overide)]
        pub fn login() {}
    }
}

fn main() {}
