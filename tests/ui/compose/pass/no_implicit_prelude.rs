// Generated code works without the prelude, next to user items named like prelude items and
// like what it names itself (`M`, `K`, `Member`, `Kind`).
#![no_implicit_prelude]

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
const M: u8 = 0;
#[allow(dead_code)]
const K: u8 = 0;
#[allow(dead_code)]
struct Member;
#[allow(dead_code)]
struct Kind;

#[::modsmith::composable]
pub mod auth {
    #![allow(dead_code)]
    struct Option;
    struct Some;
    pub struct User {
        pub id: u32,
    }
    pub fn login(user: &User) -> bool {
        user.id > 0
    }
}

#[::modsmith::composable]
#[::modsmith::export_module]
pub mod math {
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }
}

::modsmith::compose! {
    #[compose(auth(rename(login = sign_in)))]
    pub mod app {
        #![allow(dead_code)]
        struct Vec;
        const M: u8 = 1;
    }
}

::modsmith::compose! {
    #[compose(math)]
    pub mod dynamic {}
}

fn main() {
    ::std::assert!(app::sign_in(&app::User { id: 1 }));
    ::std::assert_eq!(app::MEMBERS.len(), 2);
    ::std::assert!(dynamic::module().get("add").is_some());
}
