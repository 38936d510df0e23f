//! Expansion snapshots of `template!`: the `macro_rules!` a definition becomes, and the
//! instances its encoded definition gives, in a module and in place.

use expect_test::{ExpectFile, expect_file};
use proc_macro2::TokenStream;
use quote::quote;

use super::support::{encoded_template, pretty};
use crate::common::entry::Expansion;

fn definition() -> TokenStream {
    quote! {
        /// An in-memory repository for one entity type.
        pub template repository(
            Entity: type,
            Key: type = u64,
            table: str,
            capacity: expr = 16,
            Name: ident,
            tags: [str] = [],
        ) {
            pub struct $Name { rows: ::std::collections::BTreeMap<$Key, $Entity> }
            impl $Name {
                pub const TABLE: &'static str = $table;
                pub const CAPACITY: usize = $capacity * 2;
                pub const TAGS: &'static [&'static str] = &[$( $tags ),*];
                pub fn ${concat(snake(Name), _len)}(&self) -> usize { self.rows.len() }
                pub fn ${upper(table)}() -> &'static str { ${stringify(Entity)} }
            }
        }
    }
}

fn defined() -> TokenStream {
    match crate::template::run_definitions(definition()) {
        Expansion::Ok(tokens) => tokens,
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

fn check_instance(call: TokenStream, expected: ExpectFile) {
    let Some(definition) = encoded_template(defined()) else {
        panic!("no encoded definition in the macro_rules!");
    };
    match crate::template::run_instance(quote!(#definition #call)) {
        Expansion::Ok(tokens) => expected.assert_eq(&pretty(tokens)),
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn definition_becomes_a_macro_rules() {
    expect_file!["snapshots/template/macro_rules.txt"].assert_eq(&pretty(defined()));
}

#[test]
fn instance_in_a_module() {
    check_instance(
        quote! { pub mod users; Entity = User, Name = UserRepo, table = "users", tags = ["a", "b"] },
        expect_file!["snapshots/template/instance_in_a_module.txt"],
    );
}

#[test]
fn instance_in_place_with_every_default_overridden() {
    check_instance(
        quote! {
            Entity = Order, Key = (u32, u32), Name = Orders, table = "orders",
            capacity = 8 + 8, tags = []
        },
        expect_file!["snapshots/template/instance_in_place.txt"],
    );
}

#[test]
fn definition_in_a_crate_that_renames_modsmith() {
    // Only `define!` is named by the crate's own name for modsmith; the declared macro reaches
    // modsmith through `define!`'s `$crate`.
    let defined = crate::template::run_definitions(quote! {
        #[template(crate = my_modsmith)]
        #[doc(hidden)]
        pub(crate) template unit(Name: ident) { pub struct $Name; }
    });
    match defined {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/template/renamed_crate.txt"].assert_eq(&pretty(tokens));
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}
