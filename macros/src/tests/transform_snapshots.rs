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

/// The renamed crate, given to the pass or to the whole pipeline, reaches the generated
/// instrumentation.
#[test]
fn the_instrument_pass_names_the_renamed_crate() {
    for args in [
        quote!(instrument(crate = my_modsmith)),
        quote!(crate = my_modsmith, instrument),
    ] {
        let module = quote!(
            mod m {
                pub fn f() {}
            }
        );
        let Expansion::Ok(tokens) = crate::transform::run(args.clone(), module) else {
            panic!("{args} is valid");
        };
        let text = tokens.to_string();
        assert!(
            text.contains("my_modsmith :: __private :: instrument"),
            "{args}: {text}"
        );
        assert!(!text.contains(":: modsmith :: __private"), "{args}: {text}");
    }
}

#[test]
fn two_instrument_passes_both_see_redactions_and_opt_outs() {
    let args = quote!(instrument, instrument(level = "debug"));
    let module = quote!(
        mod m {
            pub fn login(#[redact] pin: u16) {}
            impl Store {
                pub fn get(&self, #[redact] key: u8) {}
                #[instrument(skip)]
                pub fn quiet(&self) {}
            }
        }
    );
    let Expansion::Ok(tokens) = crate::transform::run(args, module) else {
        panic!("valid");
    };
    let text = tokens.to_string();
    assert_eq!(text.matches("REDACTED").count(), 4, "{text}");
    assert!(!text.contains("# [redact]"), "{text}");
    assert!(!text.contains("# [instrument"), "{text}");
    // `quiet` opted out of both: only `login` and `get` get two spans each.
    assert_eq!(text.matches("span !").count(), 4, "{text}");
}

/// Next to an error, a pass whose selector is wrong applies to nothing, rather than to
/// everything (which would add errors the user did not make).
#[test]
fn a_pass_with_a_bad_selector_applies_nowhere_in_the_fallback() {
    for args in [
        quote!(derive(Clone, include = "{A,B}")),
        quote!(derive(Clone, only = "public")),
        quote!(derive(Clone, on = "fn")),
        quote!(derive(Clone, on = "function")),
    ] {
        let module = quote!(
            mod m {
                pub struct A;
                pub struct B;
            }
        );
        let Expansion::Err { fallback, .. } = crate::transform::run(args.clone(), module) else {
            panic!("{args} is an error");
        };
        let text = fallback.to_string();
        assert!(!text.contains("Clone"), "{args}: {text}");
    }
}

#[test]
fn the_instrument_pass_reports_err_only_for_results() {
    let args = quote!(instrument(err));
    let module = quote!(
        mod m {
            pub fn count() -> usize {
                1
            }
            pub fn parse() -> Result<u8, String> {
                Ok(1)
            }
        }
    );
    let Expansion::Ok(tokens) = crate::transform::run(args, module) else {
        panic!("a module-wide `err` is valid");
    };
    let text = tokens.to_string();
    assert_eq!(text.matches(":: Err (").count(), 1, "{text}");
}
