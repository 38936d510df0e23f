pub mod audit {
    pub fn record() {}
}

#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth, audit)]
    pub mod app {}
}

fn main() {}
