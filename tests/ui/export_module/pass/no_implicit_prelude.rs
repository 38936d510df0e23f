// Generated code works without the prelude, next to user items named like prelude items
// and like its own internals.
#![no_implicit_prelude]

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct Vec;

#[::modsmith::export_module]
pub mod math {
    #[allow(dead_code)]
    struct Option;
    #[allow(dead_code)]
    struct Result;
    #[allow(non_upper_case_globals, dead_code)]
    const __modsmith_build: u8 = 0;

    /// Adds.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    pub fn checked(a: i64) -> ::core::result::Result<i64, &'static str> {
        if a > 0 { ::core::result::Result::Ok(a) } else { ::core::result::Result::Err("not positive") }
    }

    pub fn length(text: &str) -> usize {
        text.len()
    }

    pub const ANSWER: i64 = 42;
}

fn main() {
    let module = math::module();
    let value = module.call("add", &[::modsmith::dynamic::Value::Int(1), ::modsmith::dynamic::Value::Int(2)]);
    ::std::assert_eq!(value.ok(), ::core::option::Option::Some(::modsmith::dynamic::Value::Int(3)));
    ::std::assert_eq!(::core::iter::ExactSizeIterator::len(&module.names()), 4);
}
