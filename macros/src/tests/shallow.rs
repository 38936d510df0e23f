//! `common::shallow` hands every item back as written: a module read shallowly and printed
//! again is the same tokens, whatever its items, and each item is read as the kind it is.

use quote::ToTokens;

use crate::common::shallow::{ShallowItem, ShallowKind};

const MODULE: &str = r#"
    /// Doc.
    #[cfg(all())]
    pub(crate) mod outer {
        #![allow(dead_code)]
        pub fn plain(a: i64) -> i64 { a + 1 }
        pub const fn constant_fn() -> i64 { 1 }
        pub const unsafe fn constant_unsafe() {}
        async unsafe fn later() {}
        pub extern "C" fn c_abi() {}
        extern "C" fn c_abi_private() {}
        fn array() -> [u8; { 1 }] { [0] }
        fn where_clause<T>() where T: Clone {}
        pub const PI: f64 = 3.14;
        pub const BRACED: i64 = { let x = 1; x };
        const _: () = ();
        pub static S: i64 = 1;
        pub struct Point { x: i64 }
        impl Point { pub fn method(&self) -> i64 { self.x } }
        unsafe impl Send for Point {}
        macro_rules! m { () => {}; }
        extern crate alloc;
        unsafe extern "C" { pub safe fn abs(x: i32) -> i32; }
        use std::fmt;
        pub mod file;
        pub mod inner { pub fn deep() {} }
    }
"#;

fn parse(text: &str) -> ShallowItem {
    syn::parse_str(text).expect("the module parses")
}

#[test]
fn a_module_prints_back_as_written() {
    let module = parse(MODULE);
    let original: proc_macro2::TokenStream = MODULE.parse().expect("valid tokens");
    assert_eq!(flat(module.into_token_stream()), flat(original));
}

/// Each token's text, groups opened and closed, the spacing of punctuation left out (syn
/// prints the `#` of `#![..]` apart from the `!`; rustc reads both the same).
fn flat(tokens: proc_macro2::TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Group(group) => {
                out.push(format!("open {:?}", group.delimiter()));
                out.extend(flat(group.stream()));
                out.push("close".to_owned());
            }
            other => out.push(other.to_string()),
        }
    }
    out
}

#[test]
fn each_item_is_read_as_its_kind() {
    let module = parse(MODULE);
    let ShallowKind::Module(outer) = &module.kind else {
        panic!("a module");
    };
    let content = outer.content.as_ref().expect("inline");
    assert_eq!(content.inner_attrs.len(), 1);
    let kinds: Vec<String> = content
        .items
        .iter()
        .map(|item| {
            let name = item.ident().map_or("-".to_owned(), ToString::to_string);
            match &item.kind {
                ShallowKind::Fn(_) => format!("fn {name}"),
                ShallowKind::Declared(_) => format!("fn {name};"),
                ShallowKind::Const { .. } => format!("const {name}"),
                ShallowKind::Module(module) if module.content.is_some() => {
                    format!("mod {name} {{}}")
                }
                ShallowKind::Module(_) => format!("mod {name};"),
                ShallowKind::Other(_) => format!("other {name}"),
            }
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "fn plain",
            "fn constant_fn",
            "fn constant_unsafe",
            "fn later",
            "fn c_abi",
            "fn c_abi_private",
            "fn array",
            "fn where_clause",
            "const PI",
            "const BRACED",
            "other -",
            "other S",
            "other Point",
            "other -",
            "other -",
            "other -",
            "other -",
            "other -",
            "other -",
            "mod file;",
            "mod inner {}",
        ]
    );
}

#[test]
fn a_function_without_a_body_is_handed_back_for_rustc_to_report() {
    let module = parse("mod m { fn f(); pub fn g() {} }");
    let ShallowKind::Module(module) = &module.kind else {
        panic!("a module");
    };
    let items = &module.content.as_ref().expect("inline").items;
    assert!(matches!(&items[0].kind, ShallowKind::Declared(sig) if sig.ident == "f"));
    assert!(matches!(&items[1].kind, ShallowKind::Fn(_)));
}

#[test]
fn a_constant_without_its_semicolon_is_an_error_not_a_panic() {
    assert!(syn::parse_str::<ShallowItem>("mod m { const X: i64 = 1 }").is_err());
}
