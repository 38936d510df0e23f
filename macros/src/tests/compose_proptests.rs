//! No input makes `#[composable]` or `compose!` panic, and every expansion, with errors or
//! not, is valid Rust syntax.

use proptest::prelude::*;
use quote::quote;

use super::support::assert_valid_rust;

const ITEMS: &[&str] = &[
    "pub fn login(user: &User) -> bool { true }",
    "pub fn logout() {}",
    "pub struct User { pub name: String }",
    "pub struct Guest;",
    "pub struct Id(pub u32);",
    "#[allow(non_snake_case)] pub fn Guest() {}",
    "pub const LIMIT: u32 = 3;",
    "pub static COUNT: u8 = 0;",
    "pub enum Level { Low }",
    "pub trait Check {}",
    "pub type Alias = u8;",
    "pub mod nested { pub fn inner() {} }",
    "pub mod file;",
    "pub use std::fmt;",
    "pub use a::{b as c, d::*};",
    "pub(crate) fn internal() {}",
    "fn private() {}",
    "macro_rules! m { () => {} }",
    "#[derive(Data)] pub struct Person { name: String }",
    "#[derive(Data)] #[data(builder(name = Maker))] pub struct Made { x: u8 }",
    "pub fn module() -> &'static DynModule { todo!() }",
    "pub const MEMBERS: u8 = 0;",
    "pub fn r#type() {}",
    "pub fn no_body();",
    "impl User { pub fn name(&self) {} }",
    "#[compose(override)] pub fn login() -> bool { false }",
    "#[compose(override)] pub fn lgin() {}",
    "#[compose(overide)] pub fn x() {}",
    "#[compose(override)] impl User {}",
];

const ATTRIBUTES: &[&str] = &[
    "",
    "#[compose(auth)]",
    "#[compose(auth, billing)]",
    "#[compose(auth(only(login, lgin)), billing(except(logout), rename(charge = bill)))]",
    "#[compose(auth(rename(login = logout)))]",
    "#[compose(auth, billing, policy = first)]",
    "#[compose(auth, billing, policy = last)]",
    "#[compose(auth, billing, policy = prefer(billing))]",
    "#[compose(auth, billing, policy = prefer(biling))]",
    "#[compose(auth, policy = frist)]",
    "#[compose(auth, crate = x)]",
    "#[compose(auth, polcy = first)]",
    "#[compose(auth(exclude(login)))]",
    "#[compose(app)]",
    "#[compose(auth, auth)]",
    "#[compose()]",
    "#[compose(auth)] #[compose(billing)]",
    "#[compose(auth(only(internal)))]",
];

const ARGS: &[&str] = &[
    "",
    "extra(fn generated)",
    "extra(struct Builder, use Thing)",
    "extras(fn x)",
    "extra(function x)",
    "crate = modsmith",
    "extra(fn)",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn composable_never_panics_and_always_emits_valid_rust(
        args in proptest::sample::select(ARGS),
        items in proptest::collection::vec(proptest::sample::select(ITEMS), 0..6),
        inline in any::<bool>(),
    ) {
        let item = if inline {
            format!("pub mod auth {{ {} }}", items.join(" "))
        } else {
            "pub mod auth;".to_owned()
        };
        let args: proc_macro2::TokenStream = args.parse().expect("valid tokens");
        let item: proc_macro2::TokenStream = item.parse().expect("valid tokens");
        assert_valid_rust(crate::composable::run(args, item).into_tokens());
    }

    #[test]
    fn compose_never_panics_and_always_emits_valid_rust(
        attribute in proptest::sample::select(ATTRIBUTES),
        auth in proptest::collection::vec(proptest::sample::select(ITEMS), 0..5),
        billing in proptest::collection::vec(proptest::sample::select(ITEMS), 0..5),
        locals in proptest::collection::vec(proptest::sample::select(ITEMS), 0..4),
    ) {
        let module = |name: &str, items: &[&str]| -> proc_macro2::TokenStream {
            format!("pub mod {name} {{ {} }}", items.join(" ")).parse().expect("valid tokens")
        };
        let input: proc_macro2::TokenStream =
            format!("{attribute} pub mod app {{ {} }}", locals.join(" ")).parse().expect("valid tokens");
        let start = crate::compose::run_start(quote!([::modsmith] #input)).into_tokens();
        assert_valid_rust(start);
        // The last run, with the lists `#[composable]` writes for two modules (as many as
        // the attribute names at most; fewer is what a broken chain would give).
        let lists: Vec<proc_macro2::TokenStream> = [module("auth", &auth), module("billing", &billing)]
            .into_iter()
            .filter_map(|module| {
                let module = syn::parse2(module).ok()?;
                let list = crate::composable::validate::validate(&module, &Default::default())?;
                Some(quote!(#list))
            })
            .collect();
        let (first, second) = (&lists[0], &lists[1]);
        let finish = quote!(krate [::modsmith] input { #input } done [[[[] { #first }] { #second }]]);
        assert_valid_rust(crate::compose::run_finish(finish).into_tokens());
    }
}
