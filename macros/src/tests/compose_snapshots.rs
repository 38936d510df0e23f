//! Expansion snapshots of `#[composable]` (the hidden macro and its member list) and of
//! `compose!`'s last run (re-exports, a partial pick, the local override, `MEMBERS`, the
//! doc table and `module()`).

use expect_test::expect_file;
use proc_macro2::TokenStream;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

fn expanded(expansion: Expansion) -> TokenStream {
    match expansion {
        Expansion::Ok(tokens) => tokens,
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

fn auth() -> TokenStream {
    quote! {
        #[modsmith::export_module]
        pub mod auth {
            pub struct User { pub name: String }
            pub struct Guest;
            pub fn login(user: &User) -> bool { true }
            pub const LIMIT: u32 = 3;
            pub use std::collections::BTreeMap as Registry;
            #[derive(Debug, Data)]
            #[data(builder = Maker)]
            pub struct Account { id: u32 }
            pub(crate) fn internal() {}
            fn private() {}
            macro_rules! m { () => {} }
        }
    }
}

fn billing() -> TokenStream {
    quote! {
        #[modsmith::export_module]
        mod billing {
            #[allow(non_snake_case)]
            pub fn Guest() -> u8 { 1 }
            pub fn charge(cents: u64) -> u64 { cents }
            pub fn login() -> bool { false }
        }
    }
}

#[test]
fn composable_adds_the_hidden_macro_its_alias_and_the_marker() {
    let tokens = expanded(crate::composable::run(quote!(extra(fn generated)), auth()));
    expect_file!["snapshots/compose/composable.txt"].assert_eq(&pretty(tokens));
}

/// The member list `#[composable]` writes for a module, as `compose!` receives it.
fn list(module: TokenStream) -> TokenStream {
    let module = syn::parse2(module).expect("a module");
    let options = crate::composable::parse::Options::default();
    let list = crate::composable::validate::validate(&module, &options).expect("a list");
    quote!(#list)
}

#[test]
fn compose_writes_re_exports_locals_members_the_table_and_module() {
    let (auth, billing) = (list(auth()), list(billing()));
    let input = quote! {
        krate [::modsmith]
        input {
            /// The application.
            #[compose(crate::auth(except(LIMIT)), self::billing(rename(charge = bill)), policy = last)]
            pub mod app {
                #[compose(override)]
                pub fn login() -> bool { true }
                fn helper() {}
            }
        }
        done [[[[] { #auth }] { #billing }]]
    };
    let tokens = expanded(crate::compose::run_finish(input));
    expect_file!["snapshots/compose/composed.txt"].assert_eq(&pretty(tokens));
}

#[test]
fn compose_start_probes_each_source_and_starts_the_chain() {
    let input = quote! {
        [::modsmith]
        #[compose(crate::auth, billing(only(charge)))]
        pub mod app {}
    };
    let tokens = expanded(crate::compose::run_start(input));
    expect_file!["snapshots/compose/start.txt"].assert_eq(&pretty(tokens));
}
