//! Expansion snapshots of `#[derive(Data)]`, one per significant option. Review a change
//! with `UPDATE_EXPECT=1 cargo test -p modsmith-macros` and `git diff`.

use expect_test::{ExpectFile, expect_file};
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

fn check(input: proc_macro2::TokenStream, expected: ExpectFile) {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => panic!("test input does not parse: {error}"),
    };
    match crate::data::run(&input) {
        Expansion::Ok(tokens) => expected.assert_eq(&pretty(tokens)),
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn plain_fields() {
    check(
        quote! {
            #[data(set, with)]
            pub struct Point {
                /// Horizontal.
                x: f64,
                name: String,
                tags: Vec<String>,
                label: Option<String>,
                other: Other,
            }
        },
        expect_file!["snapshots/data/plain_fields.txt"],
    );
}

#[test]
fn defaults_and_required_option() {
    check(
        quote! {
            pub struct Settings {
                #[data(default)]
                retries: u32,
                #[data(default = 8080)]
                port: u16,
                #[data(default = "localhost")]
                host: String,
                #[data(required)]
                parent: Option<u64>,
            }
        },
        expect_file!["snapshots/data/defaults_and_required_option.txt"],
    );
}

#[test]
fn into_parameters() {
    check(
        quote! {
            pub struct Named {
                #[data(into)]
                name: String,
                #[data(into)]
                alias: Option<String>,
            }
        },
        expect_file!["snapshots/data/into_parameters.txt"],
    );
}

#[test]
fn validators() {
    check(
        quote! {
            #[data(set, with, validate = Self::check)]
            pub struct User {
                #[data(validate(length(min = 1, max = 64), non_empty))]
                name: String,
                #[data(validate(range(min = 13, max = 130)))]
                age: u8,
                #[data(validate(custom = is_email))]
                email: Option<String>,
            }
        },
        expect_file!["snapshots/data/validators.txt"],
    );
}

#[test]
fn skipped_items() {
    check(
        quote! {
            #[data(set, with)]
            pub(crate) struct Secret {
                #[data(skip(getter))]
                hash: String,
                #[data(skip(setter))]
                id: u64,
                #[data(skip(getter, setter))]
                salt: [u8; 16],
            }
        },
        expect_file!["snapshots/data/skipped_items.txt"],
    );
}

#[test]
fn generics_and_where_clause() {
    check(
        quote! {
            pub struct Window<'a, T: Clone = u8, const N: usize = 2>
            where
                T: core::fmt::Debug,
            {
                title: &'a str,
                items: [T; N],
                selected: Option<T>,
            }
        },
        expect_file!["snapshots/data/generics_and_where_clause.txt"],
    );
}

#[test]
fn renamed_crate() {
    check(
        quote! {
            #[data(crate = my_modsmith)]
            struct Tiny {
                value: u8,
            }
        },
        expect_file!["snapshots/data/renamed_crate.txt"],
    );
}

#[test]
fn unit_struct() {
    check(
        quote! { pub struct Marker; },
        expect_file!["snapshots/data/unit_struct.txt"],
    );
}

#[test]
fn errors_come_with_a_fallback_impl() {
    let input: syn::DeriveInput = syn::parse_quote! {
        pub struct Broken<T> {
            #[data(defualt)]
            a: T,
            #[data(validate(range(min = 1)))]
            b: String,
        }
    };
    let Expansion::Err { errors, fallback } = crate::data::run(&input) else {
        panic!("expected errors");
    };
    let messages: Vec<String> = errors.into_iter().map(|error| error.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("(did you mean `default`?)"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("`range` compares numbers"),
        "{messages:?}"
    );
    expect_file!["snapshots/data/fallback.txt"].assert_eq(&pretty(fallback));
}

/// `#[data(deserialize)]`, generated as it is with the `serde` feature (on or off in this
/// test build, the model is given the option directly).
#[test]
fn deserialize_twin_and_impl() {
    let input: syn::DeriveInput = syn::parse_quote! {
        #[serde(rename_all = "camelCase")]
        pub struct Signup<T: Clone> where T: Default {
            #[serde(alias = "name")]
            #[data(validate(non_empty))]
            user_name: String,
            extra: T,
        }
    };
    let mut errors = crate::common::errors::Errors::new();
    let model = crate::data::check(&input, &mut errors).map(|mut model| {
        model.deserialize = Some(proc_macro2::Span::call_site());
        model
    });
    if let Err(errors) = errors.finish() {
        panic!("unexpected errors: {errors}");
    }
    let Some(model) = model else {
        panic!("no model");
    };
    expect_file!["snapshots/data/deserialize.txt"]
        .assert_eq(&pretty(super::super::data::deserialize_tokens(&model)));
}
