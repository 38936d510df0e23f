//! The checker: a program with every construct checks into the typed IR; every kind of
//! static error is reported, all in one run, at its place, with what to write instead.

use modsmith_script::ir::{ExprKind, Type, Visitor};
use modsmith_script::{Diagnostic, Severity, check_text, render};

const PRICING: &str = r#"
/// Pricing rules.
module pricing {
    const VAT: float = 0.2;
    const DOUBLE_VAT: float = VAT * 2.0;
    pub record Item { name: str, cents: int, qty: int }
    fn net(gross: float) -> float { gross / (1.0 + VAT) }
    pub fn total(items: list[Item], tier: str) -> int {
        let mut sum = 0;
        for item in items { sum += item.cents * item.qty; }
        match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
    }
    pub fn fib(n: int) -> int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
    pub fn labels(items: list[Item]) -> map[str, int] {
        let mut found: map[str, int] = get_empty();
        for i in 0..len(items) {
            if i > 10 { break; }
            found = insert(found, items[i].name + "!", i);
        }
        found
    }
    fn get_empty() -> map[str, int] { insert(insert(get_empty_base(), "a", 1), "b", 2) }
    fn get_empty_base() -> map[str, int] { get_empty_base() }
    pub fn first_cents(items: list[Item]) -> int {
        match get(items, 0) { some(item) => item.cents, none => 0 }
    }
    pub fn stamp(n: int) -> str { to_str(now() + n) }
    pub fn flag(on: bool) -> str { match on { true => "yes", false => "no" } }
    host { fn now() -> int; }
}
"#;

fn errors(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn a_program_with_every_construct_checks() {
    let (program, diagnostics) = check_text(PRICING);
    assert!(
        errors(&diagnostics).is_empty(),
        "{}",
        render("pricing.ms", PRICING, &diagnostics)
    );
    let program = program.expect("a program");
    assert_eq!(program.name, "pricing");
    assert_eq!(program.records[0].fields.len(), 3);
    assert_eq!(program.consts[1].ty, Type::Float);
    let total = &program.functions[1];
    assert_eq!(total.signature.name, "total");
    assert_eq!(total.signature.ret, Type::Int);
    assert_eq!(program.host[0].name, "now");

    // The visitor reaches every call: `fib` calls itself twice.
    struct Calls(Vec<usize>);
    impl Visitor for Calls {
        fn visit_expr(&mut self, expr: &modsmith_script::ir::Expr) {
            if let ExprKind::Call(function, _) = &expr.kind {
                self.0.push(*function);
            }
            modsmith_script::ir::Visitor::visit_expr_children(self, expr);
        }
    }
    let mut calls = Calls(Vec::new());
    calls.visit_function(&program.functions[2]);
    assert_eq!(calls.0, [2, 2]);
}

#[test]
fn every_kind_of_error_in_one_run() {
    let source = r#"
module broken {
    record Item { name: str, cents: int }
    fn mismatch() -> int { "text" }
    fn undefined() -> int { totl }
    fn arity() -> int { mismatch(1) }
    fn missing_return(x: int) -> int { let y = x; }
    fn non_exhaustive(x: int) -> int { match x { 1 => 1, 2 => 2 } }
    fn immutable() { let x = 1; x = 2; }
    fn unknown_type(x: integer) {}
    fn mixing(a: int, b: float) -> float { a + b }
    fn no_field(item: Item) -> int { item.cent }
    fn missing_field() -> Item { Item { name: "a" } }
    fn break_outside() { break; }
    fn method_less(x: list[int]) -> int { lenn(x) }
    fn mismatch() {}
}
"#;
    let (program, diagnostics) = check_text(source);
    assert!(program.is_none());
    let errors = errors(&diagnostics);
    let expected = [
        "expected `int`, found `str`",
        "unknown name `totl`",
        "`mismatch` takes 0 argument(s), 1 given",
        "`missing_return` must return `int`, but its body can end without a value",
        "this `match` on `int` does not cover every value: add `_ => ..`",
        "`x` cannot be assigned: it is not `mut`; declare it `let mut x`",
        "unknown type `integer`",
        "`+` needs two `int`s or two `float`s (or two `str`s), not `int` and `float`: convert one side",
        "`Item` has no field `cent` (did you mean `cents`?)",
        "`Item` needs every field: `cents` missing",
        "`break` goes in a `while` or `for` loop",
        "unknown function `lenn` (did you mean `len`?)",
        "`mismatch` is defined twice in the module",
    ];
    for wanted in expected {
        assert!(
            errors.iter().any(|error| error.contains(wanted)),
            "missing {wanted:?} in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
}

#[test]
fn warnings_for_unused_bindings_and_unreachable_code() {
    let source = "module m { pub fn f(unused: int, _quiet: int) -> int { let x = 1; return x; let y = 2; } }";
    let (program, diagnostics) = check_text(source);
    assert!(program.is_some(), "{diagnostics:?}");
    let warnings: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`unused` is never read")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("unreachable")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`y` is never read")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("_quiet")),
        "{warnings:?}"
    );
}

#[test]
fn errors_render_with_file_line_and_column() {
    let source = "module m {\n    fn f() -> int { \"no\" }\n}\n";
    let (_, diagnostics) = check_text(source);
    let text = render("rules/m.ms", source, &diagnostics);
    assert!(text.contains("rules/m.ms:2:21"), "{text}");
    assert!(text.contains("expected `int`, found `str`"), "{text}");
}
