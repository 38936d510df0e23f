//! No input makes `#[transform]` panic and every expansion is valid Rust syntax; for valid
//! pipelines, every item survives and `derive` never derives a trait twice, whatever the
//! order of the passes and the derives already written.

use std::collections::BTreeMap;

use proptest::prelude::*;
use syn::{Attribute, Item};

use super::support::assert_valid_rust;
use crate::common::entry::Expansion;

/// The first twelve are valid; the rest are errors or, for the fuzzer's finds at the end,
/// may only warn.
const PASSES: &[&str] = &[
    "derive(Debug, Clone)",
    "derive(Clone, PartialEq, on = \"struct\")",
    "derive(Debug, only = \"pub\")",
    "derive(::core::hash::Hash, include = \"A*\")",
    "instrument(level = \"debug\", only = \"pub\")",
    "instrument",
    "attr(\"#[must_use]\", on = \"fn\", include = \"make_*\")",
    "attr(\"#[allow(dead_code)]\", on = \"all\")",
    "apply(my_crate::audited, on = \"fn\")",
    "deprecate(note = \"use v2\", on = \"all\")",
    "deprecate",
    "doc = \"Part of the v1 API.\"",
    "doc(\"x\")",
    "derive()",
    "attr(\"not an attribute\")",
    "instrument(levle = \"x\")",
    "derve(Debug)",
    "derive(Debug, on = \"function\")",
    "attr(\"#[inline]\", exclude = \"[\")",
    // Found by a mutation fuzzer: a keyword as the applied path panicked, and runs of `*`
    // made glob matching exponential.
    "apply(extern)",
    "apply(_, on = \"fn\")",
    "deprecate(include = \"************************x\")",
    "instrument(exclude = \"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\")",
];

const ITEMS: &[&str] = &[
    "pub fn make_a(x: u8) -> u8 { x }",
    "fn helper() {}",
    "const fn c() -> u8 { 1 }",
    "#[derive(Debug)] pub struct A { x: u8 }",
    "#[derive(Clone, core::fmt::Debug)] struct B(u8);",
    "pub enum E { One, Two(u8) }",
    "#[transform(skip)] pub struct Skipped;",
    "#[transform(skip(derive, doc))] pub struct Partly;",
    "pub trait T { fn t(&self); }",
    "impl A { pub fn get(&self) -> u8 { self.x } }",
    "pub const K: u8 = 1;",
    "static S: u8 = 2;",
    "pub type Alias = u8;",
    "mod inner { pub struct Inner; pub fn make_inner() {} }",
    "use std::fmt;",
    "macro_rules! m { () => {} }",
];

fn parse(text: &str) -> proc_macro2::TokenStream {
    text.parse()
        .expect("the test's own inputs are valid tokens")
}

/// How many times each trait is named in the item's `#[derive(..)]` attributes.
fn derive_counts(attrs: &[Attribute]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            let name = meta.path.segments.last().map(|s| s.ident.to_string());
            *counts.entry(name.unwrap_or_default()).or_insert(0) += 1;
            Ok(())
        });
    }
    counts
}

fn attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Struct(item) => &item.attrs,
        Item::Enum(item) => &item.attrs,
        _ => &[],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        passes in proptest::collection::vec(proptest::sample::select(PASSES), 0..5),
        items in proptest::collection::vec(proptest::sample::select(ITEMS), 0..6),
        file_module in any::<bool>(),
    ) {
        let module = if file_module {
            "mod v1;".to_owned()
        } else {
            format!("pub mod v1 {{ {} }}", items.join(" "))
        };
        let expansion = crate::transform::run(parse(&passes.join(", ")), parse(&module));
        assert_valid_rust(expansion.into_tokens());
    }

    #[test]
    fn valid_pipelines_keep_every_item_and_derive_each_trait_once(
        passes in proptest::collection::vec(proptest::sample::select(&PASSES[..12]), 1..5),
        items in proptest::collection::vec(proptest::sample::select(ITEMS), 1..6),
    ) {
        let module = format!("pub mod v1 {{ {} }}", items.join(" "));
        let tokens = match crate::transform::run(parse(&passes.join(", ")), parse(&module)) {
            Expansion::Ok(tokens) => tokens,
            Expansion::Err { errors, .. } => {
                return Err(TestCaseError::fail(format!("{passes:?} on {module}: {errors}")));
            }
        };
        let Ok(Item::Mod(module)) = syn::parse2::<Item>(tokens.clone()) else {
            return Err(TestCaseError::fail(format!("not a module: {tokens}")));
        };
        // Leaving out the `const _` item of each warning (a selector that matches nothing).
        let output: Vec<Item> = module
            .content
            .map(|(_, items)| items)
            .unwrap_or_default()
            .into_iter()
            .filter(|item| !matches!(item, Item::Const(constant) if constant.ident == "_"))
            .collect();
        prop_assert_eq!(output.len(), items.len());
        for item in &output {
            for (name, count) in derive_counts(attrs(item)) {
                prop_assert_eq!(count, 1, "`{}` derived {} times in {:?}", name, count, passes);
            }
        }
    }
}
