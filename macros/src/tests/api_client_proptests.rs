//! No input makes `api_client!` panic, and every expansion is valid Rust syntax. Clients are
//! generated from realistic endpoints, with broken routes, attributes and parameters mixed in.

use proptest::prelude::*;

use super::support::pretty;

const CLIENT_ATTRIBUTES: &[&str] = &[
    "#[client(base_url = \"https://api.example.com\")]",
    "#[client(base_url = \"https://api.example.com/v1\", auth = bearer, timeout = \"10s\", retries = 3)]",
    "#[client(base_url = \"http://localhost:8080\", auth = api_key(header = \"X-Key\"))]",
    "#[client(base_url = \"http://x\", auth = api_key(query = \"k\"))]",
    "#[client(base_url = \"ftp://x\", auth = basic)]",
    "#[client(base_url = \"https://\", timeout = \"soon\")]",
    "#[client(auth = bearr, retires = 2)]",
    "#[client(base_url = 5)]",
    "#[client]",
    "#[headers(\"Accept\" = \"application/json\")]",
    "#[headers(\"Bad Name\" = \"x\", \"X\" = \"a\\r\\nb\")]",
    "#[headers(5)]",
    "/// Docs.",
    "#[derive(Debug)]",
];

const METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "gett"];

const ROUTES: &[&str] = &[
    "/pets",
    "/pets/{id}",
    "/pets/{id}/photo",
    "pets",
    "/a/../b",
    "/q?x=1",
    "/{",
    "/}",
    "/{1x}",
    "/{id}/{id}",
    "/a b",
    "",
];

const PARAMETERS: &[&str] = &[
    "id: u64",
    "name: &str",
    "#[query] limit: Option<u32>",
    "#[query(rename = \"tag\")] tag: Option<&str>",
    "#[query(rename = 5)] tag: u8",
    "#[header(\"X-Request-Id\")] request_id: &str",
    "#[header(\"Bad Name\")] h: &str",
    "#[header] h: &str",
    "#[body] pet: &Pet",
    "#[body(form)] form: &Form",
    "#[body(bytes)] data: Vec<u8>",
    "#[body(xml)] data: Vec<u8>",
    "#[querry] x: u8",
    "(a, b): (u8, u8)",
    "mut x: u8",
    "self",
    "&self",
];

const RETURNS: &[&str] = &[
    "",
    "-> Pet",
    "-> Vec<Pet>",
    "-> ()",
    "-> modsmith::http::Response",
    "-> &str",
    "-> impl Trait",
    "-> !",
];

const PREFIXES: &[&str] = &[
    "",
    "async ",
    "#[idempotent] ",
    "/// Doc.\n",
    "#[get(\"/other\")] ",
];

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

fn endpoint() -> impl Strategy<Value = String> {
    (
        pick(METHODS),
        pick(ROUTES),
        pick(PREFIXES),
        pick(&["get_pet", "list", "create", "get_pet", "r#type"]),
        proptest::collection::vec(pick(PARAMETERS), 0..4),
        pick(RETURNS),
    )
        .prop_map(|(method, route, prefix, name, params, ret)| {
            format!(
                "#[{method}({route:?})] {prefix} fn {name}({}) {ret};",
                params.join(", ")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_always_emits_valid_rust(
        attributes in proptest::collection::vec(pick(CLIENT_ATTRIBUTES), 0..4),
        endpoints in proptest::collection::vec(endpoint(), 0..5),
    ) {
        let source = format!("{} pub struct Api {{ {} }}", attributes.join(" "), endpoints.join(" "));
        let tokens: proc_macro2::TokenStream = match source.parse() {
            Ok(tokens) => tokens,
            Err(_) => return Ok(()),
        };
        let _ = pretty(crate::api_client::run(tokens).into_tokens());
    }
}
