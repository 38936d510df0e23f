//! The Rust that `script!` generates agrees with the reference interpreter over the typed IR
//! (`modsmith_script::interp`) on a corpus of programs (`tests/scripts/corpus`) with random
//! inputs: the same values, and the same errors at the same function, line and column.
//! `PROPTEST_CASES` sets the count per function (256 by default).

use std::collections::BTreeMap;

use modsmith::script::ScriptError;
use modsmith_script::interp::{RunError, Value, run};
use proptest::prelude::*;

modsmith::script!(pub file = "tests/scripts/corpus/arith.ms");
modsmith::script!(pub file = "tests/scripts/corpus/lists.ms");
modsmith::script!(pub file = "tests/scripts/corpus/text.ms");
modsmith::script!(pub file = "tests/scripts/corpus/maps.ms");

const ARITH: &str = include_str!("scripts/corpus/arith.ms");
const LISTS: &str = include_str!("scripts/corpus/lists.ms");
const TEXT: &str = include_str!("scripts/corpus/text.ms");
const MAPS: &str = include_str!("scripts/corpus/maps.ms");

/// The reference interpreter's result.
fn reference(source: &str, name: &str, args: Vec<Value>) -> Result<Value, ScriptError> {
    let (program, diagnostics) = modsmith_script::check_text(source);
    let program = program.unwrap_or_else(|| panic!("{diagnostics:?}"));
    match run(&program, Some(source), &mut |_, _| Value::Unit, name, args) {
        Ok(value) => Ok(value),
        Err(RunError::Script(error)) => Err(error),
        Err(other) => panic!("{name}: {other:?}"),
    }
}

/// Native results as interpreter values.
trait AsValue {
    fn as_value(&self) -> Value;
}

impl AsValue for i64 {
    fn as_value(&self) -> Value {
        Value::Int(*self)
    }
}

impl AsValue for f64 {
    fn as_value(&self) -> Value {
        Value::Float(*self)
    }
}

impl AsValue for bool {
    fn as_value(&self) -> Value {
        Value::Bool(*self)
    }
}

impl AsValue for String {
    fn as_value(&self) -> Value {
        Value::Str(self.clone())
    }
}

impl<T: AsValue> AsValue for Vec<T> {
    fn as_value(&self) -> Value {
        Value::List(self.iter().map(AsValue::as_value).collect())
    }
}

impl<T: AsValue> AsValue for Option<T> {
    fn as_value(&self) -> Value {
        Value::Option(self.as_ref().map(|value| Box::new(value.as_value())))
    }
}

impl<T: AsValue> AsValue for BTreeMap<String, T> {
    fn as_value(&self) -> Value {
        Value::Map(
            self.iter()
                .map(|(k, v)| (k.clone(), v.as_value()))
                .collect(),
        )
    }
}

fn agree<T: AsValue>(native: Result<T, ScriptError>, reference: Result<Value, ScriptError>) {
    let native = native.map(|value| value.as_value());
    assert_eq!(native, reference);
}

fn ints(xs: &[i64]) -> Value {
    Value::List(xs.iter().map(|x| Value::Int(*x)).collect())
}

fn strs(xs: &[String]) -> Value {
    Value::List(xs.iter().map(|x| Value::Str(x.clone())).collect())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Small and extreme integers both: overflow and division by zero must come up.
fn int() -> impl Strategy<Value = i64> {
    prop_oneof![
        -20..20_i64,
        any::<i64>(),
        Just(i64::MIN),
        Just(i64::MAX),
        Just(0)
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("é".to_owned()),
        "[a-c]{0,3}"
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arith(a in int(), b in int(), c in int(), x in any::<f64>(), y in any::<f64>()) {
        agree(arith::mix(a, b), reference(ARITH, "mix", vec![Value::Int(a), Value::Int(b)]));
        agree(arith::divmod(a, b), reference(ARITH, "divmod", vec![Value::Int(a), Value::Int(b)]));
        agree(Ok(arith::clamp(a, b, c)), reference(ARITH, "clamp", vec![Value::Int(a), Value::Int(b), Value::Int(c)]));
        agree(arith::steps(a), reference(ARITH, "steps", vec![Value::Int(a)]));
        agree(arith::power(a % 10, b), reference(ARITH, "power", vec![Value::Int(a % 10), Value::Int(b)]));
        agree(arith::ratio(x, y), reference(ARITH, "ratio", vec![Value::Float(x), Value::Float(y)]));
        agree(arith::truncate(x), reference(ARITH, "truncate", vec![Value::Float(x)]));
        let n = a.rem_euclid(15);
        agree(arith::fib(n), reference(ARITH, "fib", vec![Value::Int(n)]));
    }

    #[test]
    fn lists(xs in proptest::collection::vec(int(), 0..8), i in -2..10_i64, d in int()) {
        agree(lists::sum(&xs), reference(LISTS, "sum", vec![ints(&xs)]));
        agree(Ok(lists::largest(&xs)), reference(LISTS, "largest", vec![ints(&xs)]));
        agree(lists::at(&xs, i), reference(LISTS, "at", vec![ints(&xs), Value::Int(i)]));
        agree(lists::evens(&xs), reference(LISTS, "evens", vec![ints(&xs)]));
        agree(Ok(lists::has(&xs, d)), reference(LISTS, "has", vec![ints(&xs), Value::Int(d)]));
        agree(Ok(lists::first_or(&xs, d)), reference(LISTS, "first_or", vec![ints(&xs), Value::Int(d)]));
        agree(lists::unchanged(&xs), reference(LISTS, "unchanged", vec![ints(&xs)]));
        agree(lists::until_negative(&xs), reference(LISTS, "until_negative", vec![ints(&xs)]));
    }

    #[test]
    fn text(n in int(), w in word(), v in word(), x in any::<f64>(), b in any::<bool>()) {
        agree(text::build(n), reference(TEXT, "build", vec![Value::Int(n)]));
        agree(text::describe(n, &w), reference(TEXT, "describe", vec![Value::Int(n), Value::Str(w.clone())]));
        agree(Ok(text::floaty(x)), reference(TEXT, "floaty", vec![Value::Float(x)]));
        agree(Ok(text::finds(&w, &v)), reference(TEXT, "finds", vec![Value::Str(w.clone()), Value::Str(v.clone())]));
        agree(Ok(text::flag(b)), reference(TEXT, "flag", vec![Value::Bool(b)]));
    }

    #[test]
    fn maps(words in proptest::collection::vec(word(), 0..8), w in word()) {
        agree(maps::counts(&words), reference(MAPS, "counts", vec![strs(&words)]));
        agree(maps::ordered(&words), reference(MAPS, "ordered", vec![strs(&words)]));
        agree(maps::lookup(&words, &w), reference(MAPS, "lookup", vec![strs(&words), Value::Str(w.clone())]));
        agree(maps::known(&words, &w), reference(MAPS, "known", vec![strs(&words), Value::Str(w.clone())]));
    }
}
