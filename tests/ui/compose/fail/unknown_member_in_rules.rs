#[modsmith::composable]
pub mod auth {
    pub fn login() {}
    pub fn logout() {}
    pub struct User;
}

modsmith::compose! {
    #[compose(auth(only(lgin, User), except(logut), rename(Usr = Account)))]
    pub mod app {}
}

fn main() {}
