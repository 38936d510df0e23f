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

    fn check_name(name: &str) -> ::core::result::Result<(), &'static str> {
        if name.is_empty() {
            ::core::result::Result::Err("empty")
        } else {
            ::core::result::Result::Ok(())
        }
    }

    #[derive(::modsmith::Data)]
    #[data(validate = Self::check)]
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

    ::modsmith::data_module! {
        pub mod geometry {
            Point { x: f64, y: f64 },
            Sized<T> where T: ::core::marker::Copy { value: T },
        }
    }

    pub fn exercise() -> (usize, u8, f64) {
        let user: User<'static, u8> = match User::new("ann", ::core::option::Option::None) {
            ::core::result::Result::Ok(user) => user,
            ::core::result::Result::Err(_) => ::core::panic!("valid input"),
        };
        let built = User::<u8>::builder()
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
}
