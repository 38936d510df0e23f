#[modsmith::composable]
pub mod auth {
    pub fn login() {}
    pub(crate) fn internal() {}
}

modsmith::compose! {
    #[compose(auth(only(login, internal)))]
    pub mod app {}
}

fn main() {}
