//! No input makes `#[instrument]` panic, and every expansion is valid Rust syntax.

use proptest::prelude::*;

use super::support::assert_valid_rust;

const ARGS: &[&str] = &[
    "",
    "level = \"debug\"",
    "level = \"loud\"",
    "target = \"x\"",
    "name = \"n\"",
    "skip(a)",
    "skip(zz)",
    "skip",
    "skip_all",
    "args(a, b)",
    "args(5)",
    "ret",
    "err",
    "err(Debug)",
    "err(Json)",
    "time",
    "only = \"pub\"",
    "only = \"all\"",
    "include = \"get_*\"",
    "exclude = \"[x\"",
    "levle = 1",
    "crate = ::other",
    "\"positional\"",
    "name = SPAN_NAME",
    "target = TARGET",
    "level = Level::WARN",
    "level = MY_LEVEL",
    "level = Self::LEVEL",
    "parent = None",
    "parent",
    "follows_from = [a]",
    "fields(x = 1, y = %a, z = ?b, w.v = a, {K} = 2, %a, later)",
    "fields(= 1)",
    "fields",
    "skip(self)",
    "ret(Display)",
    "ret(level = \"warn\", Debug)",
    "ret(Pretty)",
    "err(Debug, level = 2)",
    "err = 5",
];

const ITEMS: &[&str] = &[
    "fn f(a: u8, b: &str) -> u8 { a }",
    "pub async fn f(a: u8, password: String) -> Result<u8, String> { Ok(a) }",
    "const fn f() -> u8 { 1 }",
    "fn f((a, b): (u8, u8), _: u8) {}",
    "fn f(self: Box<Self>) {}",
    "impl S { pub fn a(&self, x: u8) {} #[instrument(skip)] fn b(&self) {} #[instrument(level = \"warn\", skip(q))] fn c(&mut self, p: u8) {} fn d(); const fn e() {} }",
    "impl T for S { fn a(&self) -> impl Iterator<Item = u8> { std::iter::empty() } }",
    "mod m { pub fn a(r#type: u8) {} mod n { fn get_b(#[redact] x: u8) -> Self { x } } impl S { fn c() {} } }",
    "mod m;",
    "struct S;",
    "fn r#match(r#in: u8) -> u8 { return r#in; }",
    "fn f(&self, Point { x, y }: Point, &n: &u64) -> impl Future<Output = Result<u8, E>> { let a = 1; async move { Ok(a) } }",
    "fn f() -> Pin<Box<dyn Future<Output = ()>>> { Box::pin(async move {}) }",
    "async fn f(x: u8) -> impl Display { x }",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        args in proptest::collection::vec(proptest::sample::select(ARGS), 0..4),
        item in proptest::sample::select(ITEMS),
    ) {
        let args: proc_macro2::TokenStream = match args.join(", ").parse() {
            Ok(args) => args,
            Err(_) => return Ok(()),
        };
        let item: proc_macro2::TokenStream = match item.parse() {
            Ok(item) => item,
            Err(_) => return Ok(()),
        };
        assert_valid_rust(crate::instrument::run(args, item).into_tokens());
    }
}
