//! Expansion snapshots of `#[transform(..)]`: one per pass, each over the same small module.

use expect_test::{ExpectFile, expect_file};
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

fn check(args: proc_macro2::TokenStream, expected: ExpectFile) {
    let module = quote! {
        pub mod v1 {
            #[derive(Debug)]
            pub struct Point { pub x: i32 }
            enum Shape { Dot }
            pub fn make_point(x: i32) -> Point { Point { x } }
            fn helper() {}
            #[transform(skip)]
            pub struct Raw;
            pub mod nested {
                pub fn make_inner() {}
            }
        }
    };
    match crate::transform::run(args, module) {
        Expansion::Ok(tokens) => expected.assert_eq(&pretty(tokens)),
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn derive_pass() {
    check(
        quote!(derive(Debug, Clone)),
        expect_file!["snapshots/transform/derive.txt"],
    );
}

#[test]
fn instrument_pass() {
    check(
        quote!(instrument(level = "debug", only = "pub")),
        expect_file!["snapshots/transform/instrument.txt"],
    );
}

#[test]
fn attr_pass() {
    check(
        quote!(attr("#[must_use]", on = "fn", include = "make_*")),
        expect_file!["snapshots/transform/attr.txt"],
    );
}

#[test]
fn apply_pass() {
    check(
        quote!(apply(my_crate::audited, on = "fn", exclude = "helper")),
        expect_file!["snapshots/transform/apply.txt"],
    );
}

#[test]
fn deprecate_pass() {
    check(
        quote!(deprecate(note = "use v2", on = "struct")),
        expect_file!["snapshots/transform/deprecate.txt"],
    );
}

#[test]
fn doc_pass_and_order() {
    check(
        quote!(doc = "Part of the v1 API.", derive(Clone, on = "enum")),
        expect_file!["snapshots/transform/doc_and_order.txt"],
    );
}

#[test]
fn apply_refuses_what_is_not_an_attribute_path() {
    for applied in [
        quote!(extern),
        quote!(_),
        quote!(my::r#fn::extern),
        quote!(self),
    ] {
        let args = quote!(apply(#applied));
        let module = quote!(
            mod m {
                fn f() {}
            }
        );
        match crate::transform::run(args.clone(), module) {
            Expansion::Err { errors, .. } => {
                let message = errors.to_string();
                assert!(
                    message.contains("is not the path of an attribute macro"),
                    "{args}: {message}"
                );
            }
            Expansion::Ok(tokens) => panic!("{args} was accepted: {tokens}"),
        }
    }
}

#[test]
fn apply_passes_arguments_to_the_attribute() {
    let args = quote!(apply(my_crate::audited(level = 2), on = "fn"));
    let module = quote!(
        mod m {
            fn f() {}
        }
    );
    let Expansion::Ok(tokens) = crate::transform::run(args, module) else {
        panic!("valid");
    };
    let text = pretty(tokens);
    assert!(text.contains("#[my_crate::audited(level = 2)]"), "{text}");
}
