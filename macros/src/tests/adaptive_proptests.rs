//! No input makes `#[adaptive]` panic, and every expansion, with errors or not, is valid
//! Rust syntax.

use proptest::prelude::*;

use super::support::assert_valid_rust;

const OPTIONS: &[&str] = &[
    "",
    "version = \"2.1\"",
    "version = 2",
    "verison = \"1\"",
    "crate = ::renamed",
    "crate",
    "version",
];

const ITEMS: &[&str] = &[
    "pub fn add(a: i64, b: i64) -> i64 { a + b }",
    "/// Doc.\npub fn doc() {}",
    "pub fn text(s: &str, b: &[u8], c: &Card, m: &mut Vec<u8>) -> String { String::new() }",
    "pub fn result() -> Result<i64, String> { Ok(1) }",
    "pub fn borrowed(x: &str) -> &str { x }",
    "pub fn two<'a>(seen: &mut Vec<&'a str>, name: &'a str) -> usize { 0 }",
    "pub fn pattern((a, b): (u8, u8), Point { x, .. }: Point) -> u8 { a }",
    "pub fn cow(c: Cow<'_, str>, d: Box<dyn Fn(&u8) + '_>) {}",
    "pub fn pointer(f: fn(&u8) -> &u8) {}",
    "pub fn object(d: &dyn Display, w: &mut dyn Write) -> usize { 0 }",
    "pub fn never() -> ! { loop {} }",
    "#[modsmith::adaptive(optional)] pub fn by_path() -> Option<u8>;",
    "pub fn generic<T>(t: T) -> T { t }",
    "pub fn constant<const N: usize>() {}",
    "pub fn bounded<'a, 'b: 'a>(x: &'a u8) {}",
    "pub fn clause<'a>(x: &'a u8) where 'a: 'static {}",
    "pub async fn later() {}",
    "pub const fn konst() -> i64 { 1 }",
    "pub unsafe fn raw() {}",
    "pub extern \"C\" fn c() {}",
    "pub fn imp(x: impl Clone) {}",
    "pub fn imp_out() -> impl Clone { 1 }",
    "pub fn me(self) {}",
    "#[adaptive(optional)] pub fn refund(r: &Receipt) -> Result<(), E>;",
    "#[adaptive(optional)] pub fn maybe() -> Option<u8>;",
    "#[adaptive(optional)] pub fn number() -> u8;",
    "#[adaptive(optional)] pub fn nothing();",
    "#[adaptive(optional)] pub fn with_body() -> Option<u8> { None }",
    "#[adaptive(optionl)] pub fn typo() {}",
    "#[adaptive] pub fn bare() {}",
    "#[adaptive(optional)] pub struct Point;",
    "pub fn no_body();",
    "pub fn foo_bar() {}",
    "pub fn foo__bar() {}",
    "fn private() {}",
    "pub(crate) fn crate_visible() {}",
    "pub(super) fn parent_visible() {}",
    "pub(in crate::x) fn path_visible() {}",
    "pub fn r#type() {}",
    "pub fn _3ds() {}",
    "pub fn __() {}",
    "pub fn self_() {}",
    "pub fn parse() {}",
    "pub fn parse_args() {}",
    "pub fn Foo() {}",
    "pub fn clash((a, b): (u8, u8), arg0: u8) {}",
    "#[cfg(unix)] pub fn alt() {} #[cfg(not(unix))] pub fn alt() {}",
    "pub fn only_out<'a>() -> &'a str { \"\" }",
    "#[track_caller] #[expect(unused_mut)] pub fn tracked(mut x: u8) {}",
    "pub fn adapt() {}",
    "pub struct interface;",
    "pub const supports: u8 = 1;",
    "pub fn add(a: i64, b: i64) -> i64 { a }",
    "#[cfg(any())] pub fn configured_out(a: i64) -> i64 { a }",
    "#[inline] #[must_use] #[allow(unused)] pub fn attributes() -> u8 { 1 }",
    "pub struct Point;",
    "impl Point { pub fn method(&self) -> i64 { 1 } }",
    "macro_rules! m { () => {}; }",
    "pub mod nested { pub fn inner() {} }",
    "pub mod file;",
    "use std::fmt;",
    "pub use crate::x::{adapt, y as supports};",
    "pub fn attributed(#[cfg(unix)] a: u8, b: u8) {}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        option in proptest::sample::select(OPTIONS),
        items in proptest::collection::vec(proptest::sample::select(ITEMS), 0..6),
        kind in 0..4_u8,
    ) {
        let item = match kind {
            0 | 1 => format!("pub mod payments {{ {} }}", items.join(" ")),
            2 => "pub mod payments;".to_owned(),
            _ => "impl Point { fn f() {} }".to_owned(),
        };
        let args: proc_macro2::TokenStream = option.parse().expect("valid tokens");
        let item: proc_macro2::TokenStream = item.parse().expect("valid tokens");
        assert_valid_rust(crate::adaptive::run(args, item).into_tokens());
    }
}
