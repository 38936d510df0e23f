#[modsmith::composable]
pub mod auth {
    pub fn logout() {}
    pub struct User {}
}

#[modsmith::composable]
pub mod billing {
    pub fn logout() {}
    // A function of a braced struct's name: another namespace, no conflict.
    #[allow(non_snake_case)]
    pub fn User() {}
}

modsmith::compose! {
    #[compose(auth, billing)]
    pub mod app {}
}

fn main() {}
