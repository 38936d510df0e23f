#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

#[modsmith::composable]
pub mod billing {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth, billing, policy = prefer(biling))]
    pub mod app {}
}

fn main() {}
