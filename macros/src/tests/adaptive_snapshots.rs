//! Expansion snapshot of `#[adaptive]`: a plain function, one with a borrowed parameter, an
//! optional one, a pattern parameter with a named lifetime, a private one and one under
//! `#[cfg]`.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

#[test]
fn every_kind_of_slot() {
    let module = quote! {
        /// Payments.
        pub mod payments {
            /// Charges a card.
            pub fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError> { todo!() }
            #[adaptive(optional)]
            pub fn refund(receipt: &Receipt) -> Option<u64>;
            pub fn first<'a>((left, _): (u8, u8), names: &'a [String]) -> Option<&'a String> { None }
            fn private() {}
            #[cfg(feature = "extra")]
            pub(crate) fn extra() -> u8 { 1 }
        }
    };
    match crate::adaptive::run(quote!(version = "2.1"), module) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/adaptive/every_kind_of_slot.txt"].assert_eq(&pretty(tokens));
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}
