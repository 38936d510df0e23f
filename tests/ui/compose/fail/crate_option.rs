#[modsmith::composable]
pub mod auth {
    pub fn login() {}
}

// `compose!` finds modsmith through itself: a renamed dependency needs no option.
modsmith::compose! {
    #[compose(auth, crate = modsmith)]
    pub mod app {}
}

fn main() {}
