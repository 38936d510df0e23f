#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

modsmith::compose! {
    #[compose(auth, auth(only(login)))]
    pub mod app {}
}

fn main() {}
