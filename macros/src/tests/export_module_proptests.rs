//! No input makes `#[export_module]` panic, and every expansion, with errors or not, is valid
//! Rust syntax.

use proptest::prelude::*;

use super::support::assert_valid_rust;

const OPTIONS: &[&str] = &[
    "",
    "name = \"math\"",
    "name = \"my math\"",
    "name = 5",
    "nmae = \"x\"",
    "crate = ::renamed",
    "crate",
    "name",
];

const ITEMS: &[&str] = &[
    "pub fn add(a: i64, b: i64) -> i64 { a + b }",
    "/// Doc.\npub fn doc() {}",
    "pub fn text(s: &str, b: &[u8], v: &[Value], one: &Value, l: &[i64]) -> String { String::new() }",
    "pub fn result() -> Result<i64, String> { Ok(1) }",
    "pub fn generic<T>(t: T) -> T { t }",
    "pub async fn later() {}",
    "pub unsafe fn raw() {}",
    "pub extern \"C\" fn c() {}",
    "pub fn imp(x: impl Clone) {}",
    "pub fn mutable(x: &mut i64) {}",
    "pub fn other(x: &Other) {}",
    "pub fn borrowed(x: &str) -> &str { x }",
    "pub fn statik() -> &'static str { \"\" }",
    "pub fn nine(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8, i: u8) {}",
    "#[export(rename = \"add\")] pub fn plus() {}",
    "#[export(rename = \"not valid\")] pub fn bad() {}",
    "#[export(skip)] pub fn skipped() {}",
    "#[export(skp)] pub fn typo() {}",
    "#[export] pub fn bare() {}",
    "#[export(rename = \"x\")] fn private() {}",
    "pub const PI: f64 = 3.14;",
    "pub const BIG: u64 = 1;",
    "pub mod nested { pub fn inner() {} pub mod deeper { pub const X: i64 = 1; } }",
    "pub mod file;",
    "pub fn module() {}",
    "pub struct Point;",
    "fn private() {}",
    "pub const fn constant_fn() -> i64 { 1 }",
    "pub const unsafe fn constant_unsafe() {}",
    "pub const _: () = ();",
    "pub const BRACED: i64 = { let x = 1; x };",
    "pub fn array() -> [u8; { 1 }] { [0] }",
    "impl Point { pub fn method(&self) -> i64 { 1 } }",
    "macro_rules! m { () => {}; }",
    "extern crate alloc;",
    "unsafe extern \"C\" { pub safe fn abs(x: i32) -> i32; }",
    "pub static S: i64 = 1;",
    "use std::fmt;",
    "#[cfg(any())] pub fn configured_out(a: i64) -> i64 { a }",
    "#[cfg(unix)] #[cfg(target_pointer_width = \"64\")] pub fn twice_configured() {}",
    "#[cfg(not(unix))] pub fn add(a: i64, b: i64) -> i64 { a }",
    "#[cfg(any())] pub const CONFIGURED: i64 = 1;",
    "#[cfg(any())] pub mod configured { pub fn inner() {} }",
    "pub fn no_body();",
    "#[cfg(unix)] pub mod nested {} #[cfg(not(unix))] pub mod nested {}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        option in proptest::sample::select(OPTIONS),
        items in proptest::collection::vec(proptest::sample::select(ITEMS), 0..6),
        kind in 0..3_u8,
    ) {
        let item = match kind {
            0 => format!("pub mod math {{ #![allow(dead_code)] {} }}", items.join(" ")),
            1 => "pub mod math;".to_owned(),
            _ => "pub fn math() {}".to_owned(),
        };
        let args: proc_macro2::TokenStream = option.parse().expect("valid tokens");
        let item: proc_macro2::TokenStream = item.parse().expect("valid tokens");
        assert_valid_rust(crate::export_module::run(args, item).into_tokens());
    }
}
