#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth, policy = frist)]
    pub mod app {}
}

fn main() {}
