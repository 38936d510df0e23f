#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth, polcy = first)]
    pub mod app {}
}

fn main() {}
