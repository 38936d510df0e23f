//! The two back ends agree: every program of the corpus (`tests/scripts/corpus`, 35
//! programs) is compiled by `script!(.., bytecode = true)` into native Rust and into
//! bytecode, and every `pub` function is called in both, through the one `DynModule`
//! interface each gives (`module()` and `program()?.into_module()`), with random arguments
//! drawn from its signature. The results must be equal, or the errors the same script error
//! (kind, function, line and column). Resource limits are the VM's alone and outside
//! parity. `PROPTEST_CASES` sets the cases per function (64 by default).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Arc;

use modsmith::dynamic::{BuildError, CallError, DynModule, Value};
use modsmith::script::{LoadError, Program, ScriptError, VmError};
use modsmith_script::bytecode::image::{Image, TypeDef, TypeId};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

modsmith::script!(pub file = "tests/scripts/corpus/arith.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/budget.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/calendar.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/checksums.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/currency.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/discounts.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/elevator.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/eligibility.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/geometry.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/grading.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/inventory.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/invoice.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/ledger.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/lists.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/loyalty.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/maps.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/matrix.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/numerals.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/payroll.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/pricing.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/recursion.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/roundrobin.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/routing.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/scheduling.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/settings.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/shipping.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/sorting.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/stats.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/tax.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/text.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/thermostat.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/traffic.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/validation.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/voting.ms", bytecode = true);
modsmith::script!(pub file = "tests/scripts/corpus/wordfreq.ms", bytecode = true);

type Native = fn() -> Result<DynModule, BuildError>;
type Bytecode = fn() -> Result<Program, LoadError>;

const CORPUS: &[(&str, Native, Bytecode)] = &[
    ("arith", arith::module, arith::program),
    ("budget", budget::module, budget::program),
    ("calendar", calendar::module, calendar::program),
    ("checksums", checksums::module, checksums::program),
    ("currency", currency::module, currency::program),
    ("discounts", discounts::module, discounts::program),
    ("elevator", elevator::module, elevator::program),
    ("eligibility", eligibility::module, eligibility::program),
    ("geometry", geometry::module, geometry::program),
    ("grading", grading::module, grading::program),
    ("inventory", inventory::module, inventory::program),
    ("invoice", invoice::module, invoice::program),
    ("ledger", ledger::module, ledger::program),
    ("lists", lists::module, lists::program),
    ("loyalty", loyalty::module, loyalty::program),
    ("maps", maps::module, maps::program),
    ("matrix", matrix::module, matrix::program),
    ("numerals", numerals::module, numerals::program),
    ("payroll", payroll::module, payroll::program),
    ("pricing", pricing::module, pricing::program),
    ("recursion", recursion::module, recursion::program),
    ("roundrobin", roundrobin::module, roundrobin::program),
    ("routing", routing::module, routing::program),
    ("scheduling", scheduling::module, scheduling::program),
    ("settings", settings::module, settings::program),
    ("shipping", shipping::module, shipping::program),
    ("sorting", sorting::module, sorting::program),
    ("stats", stats::module, stats::program),
    ("tax", tax::module, tax::program),
    ("text", text::module, text::program),
    ("thermostat", thermostat::module, thermostat::program),
    ("traffic", traffic::module, traffic::program),
    ("validation", validation::module, validation::program),
    ("voting", voting::module, voting::program),
    ("wordfreq", wordfreq::module, wordfreq::program),
];

/// Functions that recurse as deep as their argument: natively that is the thread's stack,
/// so their integers stay small.
const UNBOUNDED: &[(&str, &str)] = &[("arith", "fib")];

/// Words the programs look up (tiers, coupon codes, currencies, ..): strings and map keys
/// come mostly from here, so that lookups succeed as often as they fail.
const WORDS: &[&str] = &[
    "", "a", "b", "gold", "silver", "bronze", "tea", "cake", "usd", "eur", "gbp", "x", "k", "red",
    "green", "SAVE10", "FREE", "alice", "bob", "carol", "idle", "up", "down", "open", "closed",
    "a>b", "b>c", "12:30", "héllo", "a,b", "none",
];

fn int(small: bool) -> BoxedStrategy<i64> {
    if small {
        (0i64..20).boxed()
    } else {
        prop_oneof![
            8 => -30i64..30,
            2 => -100_000i64..100_000,
            1 => any::<i64>(),
            1 => Just(i64::MAX),
            1 => Just(i64::MIN),
        ]
        .boxed()
    }
}

fn word() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => "[a-z ,>:]{0,8}",
    ]
    .boxed()
}

/// Values of type `ty`, as the runtime holds them (records as maps, options as the value
/// or `Unit`).
fn values(image: &Image, ty: TypeId, small: bool) -> BoxedStrategy<Value> {
    match image.types.get(usize::from(ty)).copied() {
        Some(TypeDef::Int) => int(small).prop_map(Value::Int).boxed(),
        Some(TypeDef::Float) => prop_oneof![
            8 => -1000.0f64..1000.0,
            1 => any::<f64>(),
            1 => Just(0.0),
        ]
        .prop_map(Value::Float)
        .boxed(),
        Some(TypeDef::Bool) => any::<bool>().prop_map(Value::Bool).boxed(),
        Some(TypeDef::Str) => word().prop_map(|text| Value::Str(Arc::from(text))).boxed(),
        Some(TypeDef::List(element)) => prop::collection::vec(values(image, element, small), 0..6)
            .prop_map(|items| Value::List(Arc::new(items)))
            .boxed(),
        Some(TypeDef::Map(element)) => {
            prop::collection::btree_map(word(), values(image, element, small), 0..5)
                .prop_map(|entries| {
                    Value::Map(Arc::new(
                        entries
                            .into_iter()
                            .map(|(key, value)| (Arc::from(key), value))
                            .collect(),
                    ))
                })
                .boxed()
        }
        Some(TypeDef::Option(inner)) => prop_oneof![
            1 => Just(Value::Unit),
            3 => values(image, inner, small),
        ]
        .boxed(),
        Some(TypeDef::Record(record)) => {
            let fields = &image.records[usize::from(record)].fields;
            let names: Vec<Arc<str>> = fields
                .iter()
                .map(|(name, _)| Arc::from(name.as_str()))
                .collect();
            let strategies: Vec<BoxedStrategy<Value>> = fields
                .iter()
                .map(|(_, field)| values(image, *field, small))
                .collect();
            strategies
                .prop_map(move |field_values| {
                    Value::Map(Arc::new(
                        names
                            .iter()
                            .cloned()
                            .zip(field_values)
                            .collect::<BTreeMap<_, _>>(),
                    ))
                })
                .boxed()
        }
        _ => Just(Value::Unit).boxed(),
    }
}

/// Equal values, NaN equal to NaN (both back ends compute the same NaN).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::List(xs), Value::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys.iter()).all(|(x, y)| same(x, y))
        }
        (Value::Map(xs), Value::Map(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys.iter())
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        (a, b) => a == b,
    }
}

/// What a call gave, comparable across back ends.
#[derive(Debug)]
enum Outcome {
    Value(Value),
    Script(ScriptError),
    /// A limit of the VM: outside parity.
    Limit,
}

fn native_outcome(result: Result<Value, CallError>) -> Outcome {
    match result {
        Ok(value) => Outcome::Value(value),
        Err(error) => match std::error::Error::source(&error)
            .and_then(|source| source.downcast_ref::<ScriptError>())
        {
            Some(script) => Outcome::Script(script.clone()),
            None => panic!("native: not a script error: {error}"),
        },
    }
}

fn vm_outcome(result: Result<Value, CallError>) -> Outcome {
    match result {
        Ok(value) => Outcome::Value(value),
        Err(error) => match std::error::Error::source(&error)
            .and_then(|source| source.downcast_ref::<VmError>())
        {
            Some(VmError::Script(script)) => Outcome::Script(script.clone()),
            Some(
                VmError::OutOfFuel { .. } | VmError::TooDeep { .. } | VmError::OutOfMemory { .. },
            ) => Outcome::Limit,
            _ => panic!("VM: not a script error: {error}"),
        },
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(64)
}

#[test]
fn native_and_vm_agree_on_the_corpus() {
    assert!(
        CORPUS.len() >= 30,
        "the issue asks for at least 30 programs"
    );
    let calls = Cell::new(0usize);
    let errors = Cell::new(0usize);
    for (name, native, bytecode) in CORPUS {
        let native = native().unwrap_or_else(|error| panic!("{name}: {error}"));
        let program = bytecode().unwrap_or_else(|error| panic!("{name}: {error}"));
        let image = program.image().clone();
        let vm = program
            .into_module()
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(
            native.names().collect::<Vec<_>>(),
            vm.names().collect::<Vec<_>>(),
            "{name}: the same members"
        );
        for function in image.functions.iter().filter(|function| function.public) {
            let fname = function.signature.name.clone();
            assert_eq!(
                native.signature(&fname).map(ToString::to_string),
                vm.signature(&fname).map(ToString::to_string),
                "{name}::{fname}: the same signature"
            );
            let small = UNBOUNDED.contains(&(*name, fname.as_str()));
            let args: Vec<BoxedStrategy<Value>> = function
                .signature
                .params
                .iter()
                .map(|(_, ty)| values(&image, *ty, small))
                .collect();
            let mut runner = TestRunner::new(Config {
                cases: cases(),
                failure_persistence: None,
                ..Config::default()
            });
            runner
                .run(&args, |args| {
                    calls.set(calls.get() + 1);
                    let native_result = native_outcome(native.call(&fname, &args));
                    let vm_result = vm_outcome(vm.call(&fname, &args));
                    match (&native_result, &vm_result) {
                        (_, Outcome::Limit) => {}
                        (Outcome::Value(a), Outcome::Value(b)) => {
                            prop_assert!(
                                same(a, b),
                                "{name}::{fname}({args:?}): native {a:?}, VM {b:?}"
                            );
                        }
                        (Outcome::Script(a), Outcome::Script(b)) => {
                            errors.set(errors.get() + 1);
                            prop_assert_eq!(a, b, "{}::{}({:?})", name, fname, args);
                        }
                        (a, b) => {
                            prop_assert!(false, "{name}::{fname}({args:?}): native {a:?}, VM {b:?}")
                        }
                    }
                    Ok(())
                })
                .unwrap_or_else(|failure| panic!("{failure}"));
        }
    }
    // The comparison reaches errors too, not only values.
    let (calls, errors) = (calls.get(), errors.get());
    eprintln!("{calls} calls, {errors} of them script errors in both back ends");
    assert!(errors * 20 > calls, "{errors} errors in {calls} calls");
}
