#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth(exclude(login)))]
    pub mod app {}
}

fn main() {}
