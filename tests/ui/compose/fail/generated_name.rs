#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth)]
    pub mod app {
        pub const MEMBERS: u8 = 0;
    }
}

fn main() {}
