//! No definition or call makes `template!` panic; every expansion is valid Rust syntax, and
//! a call that is accepted expands to valid Rust too (the body fragments are valid items).

use proc_macro2::TokenStream;
use proptest::prelude::*;

use super::support::{assert_valid_rust, encoded_template};
use crate::common::entry::Expansion;

const PARAMS: &[&str] = &[
    "Name: ident",
    "Ty: type = u8",
    "label: str",
    "count: int = 3",
    "flag: bool = false",
    "helper: path = core::convert::identity",
    "body: tokens = { 1 }",
    "value: expr = 1 + 2",
    "fields: [ident] = [a, b]",
    "weights: [int] = []",
    "Name: ident",
    "bad: kind",
    "label: str = 5",
    "missing",
];

const BODY: &[&str] = &[
    "pub struct $Name;",
    "pub type Alias = $Ty;",
    "pub type Borrowed<'a> = &'a $Ty;",
    "pub const L: &str = $label;",
    "pub const C: u32 = $count;",
    "pub const F: bool = $flag;",
    "pub fn h(x: u8) -> u8 { $helper(x) }",
    "pub fn b() -> i32 { $body }",
    "pub const V: i32 = $value * 2;",
    "pub struct S { $( pub $fields: u8, )* }",
    "pub const W: u32 = 0 $( + $weights )*;",
    // Gluing (`${snake(Name)}_len`) needs span locations, which only the compiler has: it
    // is covered by `tests/template.rs`; here the same identifiers are built with `concat`.
    "pub fn ${concat(snake(Name), _len)}() {}",
    "pub fn ${concat(get_, label, count)}() {}",
    "pub const ${upper(label)}: &str = ${stringify(Ty)};",
    "pub fn ${camel(concat(make_, Name))}() {}",
    "pub fn ${kebab(Name)}() {}",
    "pub fn ${concat(1, Name)}() {}",
    "$undeclared",
    // (A lone `$` is left out: before another `$` it makes a `$$`, a valid template whose
    // body is not a valid item; its error alone is a trybuild case.)
    "$( $fields )+",
    // (`$crate` is left out: only the template's `macro_rules!` turns it into a path.)
    "macro_rules! m { ($$x:expr) => { $$x }; }",
];

const CALLS: &[&str] = &[
    "pub mod m;",
    "mod m;",
    "Name = Thing",
    "Name = fn",
    "Name = [A, B]",
    "Ty = Vec<u8>",
    "Ty = \"u8\"",
    // A `+` that `&$Ty` would cut off, trailing or between bounds (issue 11's fuzzer).
    "Ty = dyn core::fmt::Debug +",
    "Ty = impl Sized +",
    "Ty = dyn Send + Sync",
    "label = \"users\"",
    "label = users",
    "count = 7",
    "flag = true",
    "helper = crate::f",
    "body = { 1, 2 }",
    "value = a + b",
    "fields = [x, y]",
    "fields = x",
    "weights = [1, 2, 3]",
    "weights = [1, \"2\"]",
    "unknown = 1",
    "Name Thing",
    // Values without a name (issue 11): by position, the rest of a `tokens` value, a path.
    "Thing",
    "Name",
    "body = 1, 2",
    "Name = a::B",
    "Ty =",
];

/// Types given for a `type` parameter: ones with a `+` that a position reading a type without
/// one would cut off (`&$Ty` with `dyn A +`: issue 11's fuzzer), and ones that need nothing.
const TYPE_ARGUMENTS: &[&str] = &[
    "u8",
    "Vec<u8>",
    "dyn Send",
    "dyn Send + Sync",
    "dyn core::fmt::Debug +",
    "dyn core::fmt::Debug + Send +",
    "dyn 'static + Send",
    "dyn for<'a> Fn(&'a u8) -> u8 + Send",
    "impl Sized",
    "impl Sized +",
    "impl Iterator<Item = u8> + Send",
    "(dyn Send + Sync)",
    "&'static (dyn Send + Sync)",
    "Box<dyn Send + Sync>",
    "fn() -> u8",
    "[u8]",
];

/// Where a body writes a `type` parameter: where a full type is read, and where the parser
/// reads one that a `+` cannot continue.
const TYPE_POSITIONS: &[&str] = &[
    "pub type Alias = $Ty;",
    "pub type Borrowed<'a> = &'a $Ty;",
    "pub type Mutable<'a> = &'a mut $Ty;",
    "pub type Pointer = *const $Ty;",
    "pub type Boxed = Box<$Ty>;",
    "pub fn f(_: &$Ty) {}",
    "pub type Returns = fn() -> &'static $Ty;",
];

fn tokens(text: &str) -> Option<TokenStream> {
    text.parse().ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        params in proptest::collection::vec(proptest::sample::select(PARAMS), 0..5),
        body in proptest::collection::vec(proptest::sample::select(BODY), 0..5),
        call in proptest::collection::vec(proptest::sample::select(CALLS), 0..6),
        public in any::<bool>(),
    ) {
        let vis = if public { "pub " } else { "" };
        let definition = format!("{vis}template t({}) {{ {} }}", params.join(", "), body.join(" "));
        let Some(definition) = tokens(&definition) else { return Ok(()) };
        let defined = crate::template::run_definitions(definition).into_tokens();
        assert_valid_rust(defined.clone());
        let Some(encoded) = encoded_template(defined) else { return Ok(()) };
        // The module header, if any, first; then the arguments.
        let (modules, arguments): (Vec<&str>, Vec<&str>) =
            call.iter().partition(|part| part.ends_with(';'));
        let call = format!("{} {}", modules.first().copied().unwrap_or(""), arguments.join(", "));
        let Some(call) = tokens(&call) else { return Ok(()) };
        match crate::template::run_instance(quote::quote!(#encoded #call)) {
            Expansion::Ok(tokens) => assert_valid_rust(tokens),
            Expansion::Err { fallback, .. } => assert_valid_rust(fallback),
        }
    }

    #[test]
    fn every_type_argument_fits_where_the_body_writes_it(
        ty in proptest::sample::select(TYPE_ARGUMENTS),
        positions in proptest::collection::vec(proptest::sample::select(TYPE_POSITIONS), 1..4),
    ) {
        let definition = format!("template t(Ty: type) {{ {} }}", positions.join(" "));
        let Some(definition) = tokens(&definition) else { return Ok(()) };
        let defined = crate::template::run_definitions(definition).into_tokens();
        let Some(encoded) = encoded_template(defined) else { return Ok(()) };
        let Some(call) = tokens(&format!("Ty = {ty}")) else { return Ok(()) };
        match crate::template::run_instance(quote::quote!(#encoded #call)) {
            Expansion::Ok(tokens) => assert_valid_rust(tokens),
            Expansion::Err { errors, .. } => panic!("`Ty = {ty}` is refused: {errors}"),
        }
    }
}
