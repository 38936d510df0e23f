//! No source makes the lexer, the parser or the checker panic, loop or overflow the stack: random text,
//! random tokens, and valid programs cut and mutated. `PROPTEST_CASES` sets the count (a
//! few thousand by default).

use modsmith_script::{check_text, parse_text};
use proptest::prelude::*;

const PROGRAM: &str = r#"
/// Pricing rules.
module pricing {
    const VAT: float = 0.2;
    record Item { name: str, cents: int, qty: int }
    fn net(gross: float) -> float { gross / (1.0 + VAT) }
    pub fn total(items: list[Item], tier: str) -> int {
        let mut sum = 0;
        for item in items { sum += item.cents * item.qty; }
        for i in 0..len(items) { if i > 3 { break; } else { continue; } }
        while sum > 100 { sum = sum - 1; }
        let first: option[Item] = none;
        match first { some(x) => x.cents, none => 0 };
        match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
    }
    host { fn now() -> int; }
}
"#;

/// Pieces of the language, to build token soups from.
const PIECES: &[&str] = &[
    "module",
    "m",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "fn",
    "pub",
    "const",
    "record",
    "host",
    "let",
    "mut",
    "if",
    "else",
    "match",
    "while",
    "for",
    "in",
    "..",
    "return",
    "break",
    "continue",
    "=",
    "==",
    "+=",
    "->",
    "=>",
    ",",
    ";",
    ":",
    ".",
    "-",
    "!",
    "+",
    "*",
    "/",
    "%",
    "<",
    "&&",
    "||",
    "1",
    "2.5",
    "\"s\"",
    "true",
    "none",
    "some",
    "_",
    "x",
    "Item",
    "int",
    "list",
    "///d\n",
    "99999999999999999999",
    "9223372036854775808",
    "\"\\q\"",
    "\"",
    "/*",
    "#",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(3000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_text(source in "\\PC{0,200}") {
        let _ = check_text(&source);
    }

    #[test]
    fn random_token_soup(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)) {
        let _ = check_text(&pieces.join(" "));
    }

    #[test]
    fn a_valid_program_cut_and_mutated(
        cut in 0..PROGRAM.len(),
        at in 0..PROGRAM.len(),
        insert in proptest::sample::select(PIECES),
        remove in 0..8_usize,
    ) {
        let cut = PROGRAM.floor_char_boundary(cut);
        let at = PROGRAM.floor_char_boundary(at);
        let mut mutated = PROGRAM[..at].to_owned();
        mutated.push_str(insert);
        let resume = PROGRAM.floor_char_boundary((at + remove).min(PROGRAM.len()));
        mutated.push_str(&PROGRAM[resume..]);
        let _ = check_text(&mutated);
        let _ = check_text(&PROGRAM[..cut]);
    }
}

#[test]
fn the_program_parses_without_errors() {
    let (module, diagnostics) = parse_text(PROGRAM);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(module.map(|module| module.items.len()), Some(5));
}

#[test]
fn pathological_nesting_is_refused_quickly() {
    for open in ["(", "[", "{", "-", "!", "if x {"] {
        let source = format!("module m {{ fn f() {{ {} }} }}", open.repeat(50_000));
        let (_, diagnostics) = parse_text(&source);
        assert!(!diagnostics.is_empty(), "{open}");
    }
}
