#[modsmith::composable]
pub mod auth {
    pub fn logout() -> &'static str {
        "auth"
    }
}

modsmith::compose! {
    #[compose(auth, modsmith_test_compose_sources::billing)]
    pub mod app {}
}

fn main() {}
