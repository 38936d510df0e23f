//! No input makes `#[derive(Model)]` panic, and every expansion, with errors or not, is valid
//! Rust syntax.

use proptest::prelude::*;

use super::support::assert_valid_rust;

const STRUCT_OPTIONS: &[&str] = &[
    "",
    "#[model(meta(table = \"users\"))]",
    "#[model(meta(table = 5))]",
    "#[model(meta)]",
    "#[model(mta(table = \"x\"))]",
    "#[model(crate = ::renamed)]",
    "#[model(crate)]",
    "#[data(validate = Self::check)]",
    "#[data(validate)]",
];

const FIELDS: &[&str] = &[
    "name: String",
    "/// Doc.\nage: i64",
    "email: Option<String>",
    "#[model(skip)] secret: String",
    "#[model(rename = \"mail\")] email2: String",
    "#[model(rename = \"name\")] nick: String",
    "#[model(rename = \"\")] empty: String",
    "#[model(skip, rename = \"x\")] both: String",
    "#[model(skp)] typo: String",
    "#[data(default = 18)] years: i64",
    "#[data(default)] tags: Vec<String>",
    "#[data(validate(range(min = 0)))] score: i64",
    "#[data(bogus)] bad: String",
    "r#type: String",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        option in proptest::sample::select(STRUCT_OPTIONS),
        fields in proptest::collection::vec(proptest::sample::select(FIELDS), 0..6),
        kind in 0..5_u8,
    ) {
        let item = match kind {
            0 | 1 => format!("{option} struct User {{ {} }}", fields.join(", ")),
            2 => format!("{option} struct User<T> {{ {} }}", fields.join(", ")),
            3 => "struct Point(f64, f64);".to_owned(),
            _ => "enum Status { Active }".to_owned(),
        };
        let input: syn::DeriveInput = syn::parse_str(&item).expect("valid input");
        assert_valid_rust(crate::model::run(&input).into_tokens());
    }
}
