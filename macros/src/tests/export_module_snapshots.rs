//! Expansion snapshot of `#[export_module]`: every kind of member and parameter.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

#[test]
fn every_member_and_parameter_kind() {
    let module = quote! {
        /// Arithmetic.
        pub mod math {
            /// Adds.
            pub fn add(a: i64, b: i64) -> i64 { a + b }
            /// Subtracts: the same signature as `add`, so the same group.
            pub fn sub(a: i64, b: i64) -> i64 { a - b }
            pub fn length(text: &str, bytes: &[u8], values: &[Value], value: &Value) -> usize { 0 }
            pub fn total(items: &[i64]) -> Result<i64, String> { Ok(0) }
            pub fn nothing() {}
            /// Under `#[cfg]`: its own group and its own piece of the manifest.
            #[cfg(feature = "extra")]
            pub fn extra(a: i64, b: i64) -> i64 { a * b }
            #[export(rename = "plus")]
            pub fn increment(n: i64) -> i64 { n + 1 }
            #[export(skip)]
            pub fn skipped() {}
            fn private() {}
            pub const PI: f64 = 3.14;
            pub mod trig {
                pub fn sin(x: f64) -> f64 { x }
            }
        }
    };
    match crate::export_module::run(quote!(name = "m"), module) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/export_module/every_member.txt"].assert_eq(&pretty(tokens));
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}
