//! No input makes `data_module!` panic, and every expansion is valid Rust syntax. Modules are
//! generated from realistic entries, with duplicate names and broken pieces mixed in.

use proptest::prelude::*;

use super::support::pretty;

const ENTRY_NAMES: &[&str] = &["Point", "Size", "Point", "r#Type", "User"];
const FIELDS: &[&str] = &[
    "x: f64",
    "y: f64",
    "x: i32",
    "#[data(default)] w: u32",
    "#[data(validate(range(min = 0.0)))] h: f64",
    "#[data(defualt)] z: u8",
    "pub name: String",
    "tag: Option<String>",
];
const ENTRY_PREFIXES: &[&str] = &[
    "",
    "pub ",
    "pub(crate) ",
    "struct ",
    "/// Doc.\n",
    "#[derive(Debug)] ",
    "#[data(validate = Self::check)] ",
];
const SEPARATORS: &[&str] = &[",", ",", ",", ""];
const ENTRY_BODIES: &[&str] = &["{FIELDS}", "{FIELDS}", "{FIELDS}", "(f64, f64)", "", ";"];

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

fn entry() -> impl Strategy<Value = String> {
    (
        pick(ENTRY_PREFIXES),
        pick(ENTRY_NAMES),
        proptest::collection::vec(pick(FIELDS), 0..5),
        pick(ENTRY_BODIES),
        pick(SEPARATORS),
    )
        .prop_map(|(prefix, name, fields, body, separator)| {
            let body = body.replace("FIELDS", &fields.join(", "));
            format!("{prefix}{name} {body}{separator}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        header in pick(&["pub mod shapes", "mod m", "/// Doc.\npub(crate) mod m", "pub struct X", ""]),
        entries in proptest::collection::vec(entry(), 0..5),
    ) {
        let source = format!("{header} {{ {} }}", entries.join(" "));
        let tokens: proc_macro2::TokenStream = match source.parse() {
            Ok(tokens) => tokens,
            Err(_) => return Ok(()),
        };
        let _ = pretty(crate::data_module::run(tokens).into_tokens());
    }
}
