//! No input makes `#[derive(Data)]` panic, and every expansion, successful or not, is valid
//! Rust syntax. Inputs are generated with a realistic shape (structs with fields, types and
//! `#[data]` attributes drawn from valid and invalid examples), which finds far more than
//! random tokens would.

use proptest::prelude::*;

use super::support::pretty;

const FIELD_NAMES: &[&str] = &[
    "name",
    "age",
    "email",
    "value",
    "new",
    "build",
    "builder",
    "with_name",
    "set_age",
    "r#type",
    "colour",
    "errors",
    "maybe_email",
    "x",
    "line1",
    "line_1",
    "_private",
    "validate",
    "field",
    "__modsmith_values",
];

const FIELD_TYPES: &[&str] = &[
    "String",
    "u8",
    "i64",
    "f64",
    "bool",
    "char",
    "Option<String>",
    "Option<u8>",
    "Option<Option<u8>>",
    "::core::option::Option<f32>",
    "Vec<u8>",
    "Box<str>",
    "T",
    "&'a str",
    "[u8; 4]",
    "(u8, String)",
    "Colour",
    "fn() -> u8",
    "Option<Box<Self>>",
    "Box<dyn std::error::Error + Send + Sync>",
    // A `+` the getter's `&` would cut off, trailing or between bounds (issue 11's fuzzer).
    "Box<dyn std::fmt::Debug +>",
    "Option<Box<dyn Send +>>",
    "dyn std::fmt::Debug + Send",
    "Option<&'a T>",
    "&'a mut u8",
    "std::collections::HashMap<String, u8>",
    "Option<Vec<T>>",
];

const FIELD_ATTRIBUTES: &[&str] = &[
    "",
    "/// Documented.",
    "#[data(default)]",
    "#[data(default = 3)]",
    "#[data(default = \"text\")]",
    "#[data(default = -1.5)]",
    "#[data(required)]",
    "#[data(into)]",
    "#[data(into = 5)]",
    "#[data(skip(getter))]",
    "#[data(skip(setter, getter))]",
    "#[data(skip)]",
    "#[data(skip(gettr))]",
    "#[data(validate(range(min = 1, max = 10)))]",
    "#[data(validate(range(min = 10, max = 1)))]",
    "#[data(validate(range(min = -2.5, max = 2.5)))]",
    "#[data(validate(range(min = 0)))]",
    "#[data(validate(range(max = \"a\")))]",
    "#[data(validate(range()))]",
    "#[data(validate(length(max = 3), non_empty))]",
    "#[data(validate(length(min = 2, max = 1)))]",
    "#[data(validate(custom = check))]",
    "#[data(validate(custom = 5))]",
    "#[data(validate(custom))]",
    "#[data(validate)]",
    "#[data(validate())]",
    "#[data(validate(range(min = 1), range(max = 2)))]",
    "#[data(defualt)]",
    "#[data(default, required)]",
    "#[data(default = 1, default = 2)]",
    "#[data]",
    "#[data = 5]",
    "#[data(5)]",
    "#[data(\"default\")]",
    "#[serde(rename = \"other\")]",
    "#[data(default = )]",
    "#[data(validate(range(min = \"5\", max = )))]",
    "#[data(deserialize)]",
];

const STRUCT_ATTRIBUTES: &[&str] = &[
    "",
    "/// A documented struct.",
    "#[data(validate = Self::check)]",
    "#[data(set, with, validate = Self::check)]",
    "#[data(set)]",
    "#[data(with)]",
    "#[data(set = 1)]",
    "#[data(validate = 5)]",
    "#[data(validat = check)]",
    "#[data(crate = ::renamed)]",
    "#[data(crate)]",
    "#[data(crate = \"x\")]",
    "#[derive(Debug)]",
    "#[data(deserialize)]",
    "#[data(deserialize = true)]",
    "#[serde(rename_all = \"camelCase\", crate = \"x\")]",
    "#[repr(packed)]",
    "#[repr(C, packed(2))]",
];

const GENERICS: &[&str] = &[
    "",
    "<T>",
    "<'a, T: Clone>",
    "<T, const N: usize>",
    "<T = u8>",
    "<'a>",
];

const WHERE_CLAUSES: &[&str] = &["", "where T: Clone", "where"];

#[derive(Debug, Clone)]
enum Shape {
    Named,
    Unit,
    Tuple,
    Enum,
    Union,
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

fn field() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(pick(FIELD_ATTRIBUTES), 0..3),
        proptest::bool::ANY,
        pick(FIELD_NAMES),
        pick(FIELD_TYPES),
    )
        .prop_map(|(attributes, public, name, ty)| {
            let visibility = if public { "pub " } else { "" };
            format!("{} {visibility}{name}: {ty}", attributes.join(" "))
        })
}

fn derive_input() -> impl Strategy<Value = String> {
    let shape = prop_oneof![
        8 => Just(Shape::Named),
        1 => Just(Shape::Unit),
        1 => Just(Shape::Tuple),
        1 => Just(Shape::Enum),
        1 => Just(Shape::Union),
    ];
    (
        proptest::collection::vec(pick(STRUCT_ATTRIBUTES), 0..3),
        pick(GENERICS),
        pick(WHERE_CLAUSES),
        shape,
        proptest::collection::vec(field(), 0..7),
    )
        .prop_map(|(attributes, generics, where_clause, shape, fields)| {
            let attributes = attributes.join(" ");
            let fields = fields.join(", ");
            match shape {
                Shape::Named => {
                    format!("{attributes} pub struct User{generics} {where_clause} {{ {fields} }}")
                }
                Shape::Unit => format!("{attributes} struct Marker{generics} {where_clause};"),
                Shape::Tuple => {
                    format!("{attributes} struct Pair{generics}(u8, String) {where_clause};")
                }
                Shape::Enum => format!(
                    "{attributes} enum Choice{generics} {where_clause} {{ A {{ {fields} }}, B }}"
                ),
                Shape::Union => {
                    format!("{attributes} union Bits{generics} {where_clause} {{ {fields} }}")
                }
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(source in derive_input()) {
        // Some generated texts are not Rust at all (a where clause rustc would reject before
        // any macro ran); those never reach a derive.
        let parsed: Result<syn::DeriveInput, _> = syn::parse_str(&source);
        prop_assume!(parsed.is_ok());
        if let Ok(input) = parsed {
            let tokens = crate::data::run(&input).into_tokens();
            // `pretty` panics, failing the case, when the output is not valid syntax.
            let _ = pretty(tokens);
        }
    }
}
