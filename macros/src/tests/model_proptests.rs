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
    "#[data(set, with)]",
    "#[model(kind = dyn Plugin)]",
    "#[model(kind = dyn Plugin + Send, kind = dyn Other)]",
    "#[model(kind = dyn Plugin)] #[model(kind = dyn Plugin)]",
    "#[model(kind = Plugin)]",
    "#[model(kind = Box<dyn Plugin>)]",
    "#[model(kind = impl Plugin)]",
    "#[model(kind = &'static dyn Plugin)]",
    "#[model(kind = dyn Fn(i64) -> i64)]",
    "#[model(kind)]",
    "#[model(kind = )]",
    "#[model(kind = dyn)]",
    "#[model(kind = dyn Plugin on_create = f)]",
    "#[model(kind = dyn Plugin<A, B>, name = \"P\")]",
    "#[model(on_create = created, on_change = Self::changed)]",
    "#[model(on_create = |x| x)]",
    "#[model(on_change)]",
    "#[model(on_create = 5)]",
    "#[model(name = \"\")]",
    "#[model(name = \"Customer\")]",
    "#[serde(rename_all = \"kebab-case\")]",
    "#[serde(rename_all(serialize = \"camelCase\"))]",
    "#[serde(rename_all = \"nonsense\")]",
    "#[serde(rename_all = 5)]",
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
    "type_: String",
    "__hidden: i64",
    "__: i64",
    "#[serde(rename = \"x\")] renamed_by_serde: i64",
    "#[serde(rename(serialize = \"a\", deserialize = \"b\"))] two_names: i64",
    "#[serde(rename(deserialize = \"only\"))] one_name: i64",
    "#[serde(rename)] bare: i64",
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
        // `Data` reads `#[model]` too, for the hooks it calls: the same input must not make
        // it panic or emit broken code either.
        assert_valid_rust(crate::data::run(&input).into_tokens());
    }
}
