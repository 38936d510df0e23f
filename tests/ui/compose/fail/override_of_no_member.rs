#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth)]
    pub mod app {
        #[compose(override)]
        pub fn lgin() {}
    }
}

fn main() {}
