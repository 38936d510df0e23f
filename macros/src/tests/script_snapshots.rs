//! Expansion snapshot of `script!`: records, a constant, a function that cannot fail and one
//! that can (checked arithmetic with its place), borrowed parameters, a `for` over a list, a
//! `match` on an option, string building and a host function.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

#[test]
fn a_module_of_rules() {
    let input = quote! {
        /// Pricing rules.
        pub module pricing {
            const VAT: float = 0.2;
            pub record Item { name: str, cents: int, qty: int }
            pub fn gross(net: float) -> float { net * (1.0 + VAT) }
            pub fn total(items: list[Item], tier: str) -> int {
                let mut sum = 0;
                for item in items { sum += item.cents * item.qty; }
                match tier { "gold" => sum * 90 / 100, _ => sum }
            }
            pub fn first(items: list[Item]) -> str {
                match get(items, 0) { some(item) => item.name + "!", none => "" }
            }
            pub fn stamped() -> int { now() }
            host { fn now() -> int; }
        }
    };
    match crate::script::run(input) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/script/a_module_of_rules.txt"].assert_eq(&pretty(tokens));
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}
