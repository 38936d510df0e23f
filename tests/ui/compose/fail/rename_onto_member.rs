#[modsmith::composable]
pub mod auth {
    pub fn login() {}
    pub fn logout() {}
}

modsmith::compose! {
    #[compose(auth(rename(login = logout)))]
    pub mod app {}
}

fn main() {}
