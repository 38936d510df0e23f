//! Expansion snapshot of `data_module!`.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

#[test]
fn module_of_structs() {
    let input = quote! {
        /// Shapes.
        pub mod shapes {
            /// A point.
            #[derive(Debug)]
            Point { x: f64, y: f64 },
            pub(crate) struct Tagged<T> where T: Clone {
                #[data(validate(non_empty))]
                tag: String,
                value: T,
            },
        }
    };
    match crate::data_module::run(input) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/data_module/module_of_structs.txt"].assert_eq(&pretty(tokens))
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn duplicates_fall_back_to_plain_structs_defined_once() {
    let input = quote! {
        pub mod shapes {
            Point { x: f64, x: f64 },
            Point { y: f64 },
        }
    };
    let Expansion::Err { errors, fallback } = crate::data_module::run(input) else {
        panic!("expected errors");
    };
    assert_eq!(errors.into_iter().count(), 4);
    expect_file!["snapshots/data_module/duplicates_fallback.txt"].assert_eq(&pretty(fallback));
}

#[test]
fn a_crate_on_the_module_reaches_every_entry() {
    let input = quote! {
        #[data(crate = my_modsmith)]
        pub mod shapes {
            Point { x: f64 },
            #[data(crate = other::path)]
            Size { w: f64 },
        }
    };
    let Expansion::Ok(tokens) = crate::data_module::run(input) else {
        panic!("valid");
    };
    let text = tokens.to_string();
    assert!(text.contains("my_modsmith :: __private"), "{text}");
    assert!(text.contains("other :: path :: __private"), "{text}");
    assert!(!text.contains(":: modsmith :: __private"), "{text}");
    assert!(!text.contains("# [data"), "{text}");
}
