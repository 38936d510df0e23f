//! Generated code must name only `::core` and `::modsmith::__private`: it has to compile
//! without the prelude and next to user items that shadow every prelude name it could use.

#[no_implicit_prelude]
// The shadowing items exist only to be in scope; nothing uses them.
#[allow(dead_code)]
mod shadowed {
    // User items named like the prelude's.
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Box;
    pub struct Vec;
    pub struct Ok;
    pub struct Err;
    pub struct Some;
    pub struct None;
    pub struct Into;
    pub struct Default;
    pub trait Clone {}
    pub mod core {}
    pub mod std {}
    pub mod modsmith {}

    // Constants named like bindings a macro might introduce: in a pattern (a `let`, a
    // parameter) a constant in scope wins over a new binding, even a `mixed_site` one, so
    // generated bindings must have names no user writes.
    #[allow(non_upper_case_globals)]
    mod constants {
        pub const value: u8 = 0;
        pub const values: u8 = 0;
        pub const errors: u8 = 0;
        pub const error: u8 = 0;
        pub const field_value: u8 = 0;
        pub const transport: u8 = 0;
        pub const core: u8 = 0;
        pub const call: u8 = 0;
        pub const config: u8 = 0;
        pub const result: u8 = 0;
        pub const builder: u8 = 0;
        pub const state: u8 = 0;
    }
    // Unused is what this test wants: no generated binding may resolve to these.
    #[allow(unused_imports)]
    use self::constants::*;

    fn check_name(name: &str) -> ::core::result::Result<(), &'static str> {
        if name.is_empty() {
            ::core::result::Result::Err("empty")
        } else {
            ::core::result::Result::Ok(())
        }
    }

    #[derive(::modsmith::Data)]
    #[data(set, with, validate = Self::check, builder(derive(Clone, Debug)))]
    pub struct User<'a, T: ::core::clone::Clone> {
        #[data(into, validate(length(max = 8), custom = check_name))]
        pub name: ::std::string::String,
        #[data(default = 18, validate(range(min = 13, max = 130)))]
        pub age: u8,
        pub email: ::core::option::Option<::std::string::String>,
        #[data(default)]
        pub tags: ::std::vec::Vec<T>,
        #[data(required)]
        pub parent: ::core::option::Option<&'a str>,
        #[data(default = "none")]
        pub note: ::std::boxed::Box<str>,
    }

    impl<'a, T: ::core::clone::Clone> User<'a, T> {
        fn check(&self) -> ::core::result::Result<(), &'static str> {
            ::core::result::Result::Ok(())
        }
    }

    // serde's derive, reached through modsmith, with a borrowed field.
    #[cfg(feature = "serde")]
    #[derive(::modsmith::Data)]
    #[data(deserialize, with)]
    pub struct Signup<'a> {
        #[data(validate(non_empty))]
        pub name: &'a str,
        pub age: ::core::option::Option<u8>,
    }

    ::modsmith::data_module! {
        pub mod geometry {
            Point { x: f64, y: f64 },
            Sized<T> where T: ::core::marker::Copy { inner: T },
        }
    }

    ::modsmith::api_client! {
        #[client(base_url = "https://api.example.com", auth = bearer, timeout = "1s", retries = 1)]
        #[headers("Accept" = "application/json")]
        pub struct Api {
            #[get("/items/{id}")]
            fn item(id: u64, #[query] filter: ::core::option::Option<u32>, #[header("X-Trace")] trace: &str) -> ::std::vec::Vec<u8>;
            #[post("/items")]
            fn create(#[body(bytes)] data: ::std::vec::Vec<u8>);
            #[get("/raw")]
            fn raw() -> ::modsmith::http::Response;
        }
    }

    pub fn call_api() -> ::core::result::Result<::std::vec::Vec<u8>, ::modsmith::http::ApiError> {
        let mock = ::modsmith::http::MockTransport::new();
        mock.reply(::modsmith::http::Method::Get, "/items/{id}", 200, "[1,2]");
        let api = ApiBlocking::builder()
            .token(::modsmith::http::Secret::new("t"))
            .build_with(&mock);
        api.item(1, ::core::option::Option::Some(2), "x")
    }

    #[::modsmith::instrument(ret, err, time)]
    pub fn traced(amount: u8, password: &str) -> ::core::result::Result<u8, ::std::string::String> {
        let _ = password;
        ::core::result::Result::Ok(amount)
    }

    pub struct Counter;

    #[::modsmith::instrument(level = "debug")]
    impl Counter {
        pub async fn next(&self, step: u8) -> u8 {
            step
        }
    }

    ::modsmith::template! {
        template wrapper(Name: ident, Inner: type, fields: [ident] = [first]) {
            pub struct $Name {
                pub inner: $Inner,
                $( pub $fields: u8, )*
            }

            impl $Name {
                pub fn ${snake(Name)}_inner(&self) -> &$Inner {
                    &self.inner
                }
            }
        }
    }

    wrapper! { pub mod wrapped; Name = Wrapper, Inner = u16 }

    pub fn exercise() -> (usize, u8, f64) {
        let user: User<'static, u8> = match User::new("ann", ::core::option::Option::None) {
            ::core::result::Result::Ok(user) => user,
            ::core::result::Result::Err(_) => ::core::panic!("valid input"),
        };
        let started: UserBuilder<'static, u8> = User::<u8>::builder();
        // `Clone` and `Debug`, asked for: a generic builder under `no_implicit_prelude`.
        let _ = ::std::format!("{:?}", ::core::clone::Clone::clone(&started));
        let built = started
            .name("bob")
            .parent(::core::option::Option::Some("p"))
            .age(30)
            .build();
        let age = match built {
            ::core::result::Result::Ok(user) => user.age(),
            ::core::result::Result::Err(_) => 0,
        };
        let point = geometry::Point::new(1.5, 2.0);
        (user.name().len(), age, point.x())
    }
}

#[test]
fn generated_code_is_hygienic() {
    assert_eq!(shadowed::exercise(), (3, 30, 1.5));
    assert_eq!(shadowed::call_api().ok(), Some(vec![1, 2]));
    assert_eq!(shadowed::traced(4, "pw"), Ok(4));
    let wrapper = shadowed::wrapped::Wrapper { inner: 7, first: 1 };
    assert_eq!((*wrapper.wrapper_inner(), wrapper.first), (7, 1));
    // The instrumented async method completes on its first poll.
    let mut next = std::pin::pin!(shadowed::Counter.next(1));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    assert_eq!(next.as_mut().poll(&mut context), std::task::Poll::Ready(1));
}
