//! The reference interpreter: every construct and the standard library, run-time errors
//! with their function, line and column, host functions, and value semantics.

use std::collections::BTreeMap;

use modsmith_script::interp::{RunError, Value, run};
use modsmith_script::{ErrorKind, check_text};

const PROGRAM: &str = include_str!("programs/rules.ms");

fn item(name: &str, cents: i64, qty: i64) -> Value {
    Value::Record(vec![
        Value::Str(name.into()),
        Value::Int(cents),
        Value::Int(qty),
    ])
}

fn call(name: &str, args: Vec<Value>) -> Result<Value, RunError> {
    let (program, diagnostics) = check_text(PROGRAM);
    let program = program.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    run(
        &program,
        Some(PROGRAM),
        &mut |_, _| Value::Int(41),
        name,
        args,
    )
}

#[test]
fn rules_run() {
    let items = Value::List(vec![item("tea", 350, 2), item("cake", 500, 1)]);
    assert_eq!(
        call("total", vec![items.clone(), Value::Str("gold".into())]),
        Ok(Value::Int(1080))
    );
    assert_eq!(
        call("total", vec![items, Value::Str("none".into())]),
        Ok(Value::Int(1200))
    );
    assert_eq!(call("fib", vec![Value::Int(20)]), Ok(Value::Int(6765)));
    assert_eq!(call("sum_to", vec![Value::Int(10)]), Ok(Value::Int(25)));
    assert_eq!(
        call("build", vec![Value::Int(3)]),
        Ok(Value::Str("0,1,2,".into()))
    );
    assert_eq!(
        call("net", vec![Value::Float(120.0)]),
        Ok(Value::Float(100.0))
    );
    assert_eq!(
        call("first_or", vec![Value::List(vec![]), Value::Int(7)]),
        Ok(Value::Int(7))
    );
    assert_eq!(call("stamped", vec![]), Ok(Value::Int(42)));
    assert_eq!(
        call("early", vec![Value::Int(3)]),
        Ok(Value::Str("found".into()))
    );
    assert_eq!(
        call("early", vec![Value::Int(30)]),
        Ok(Value::Str("none".into()))
    );
}

#[test]
fn lists_and_maps_are_values() {
    let list = Value::List(vec![Value::Int(1)]);
    assert_eq!(
        call("values_stay_values", vec![list]),
        Ok(Value::List(vec![Value::Int(1), Value::Int(4)]))
    );
}

#[test]
fn the_standard_library_is_rt() {
    let strings =
        |items: &[&str]| Value::List(items.iter().map(|s| Value::Str((*s).into())).collect());
    assert_eq!(
        call("stdlib", vec![Value::Str("héllo".into())]),
        Ok(strings(&[
            "5", "3", "2.5", "3", "-3", "2.0", "true", "true", "200"
        ]))
    );
}

#[test]
fn run_time_errors_say_what_where_and_in_which_function() {
    let error = |result: Result<Value, RunError>| match result {
        Err(RunError::Script(error)) => error,
        other => panic!("not a script error: {other:?}"),
    };
    let overflow = error(call("overflow", vec![Value::Int(2)]));
    assert_eq!(overflow.kind, ErrorKind::Overflow);
    assert_eq!(
        (overflow.function.as_str(), overflow.line, overflow.column),
        ("overflow", 30, 38)
    );
    assert_eq!(
        overflow.to_string(),
        "integer overflow in `overflow` at 30:38"
    );
    let zero = error(call("divide", vec![Value::Int(1), Value::Int(0)]));
    assert_eq!(zero.kind, ErrorKind::DivisionByZero);
    let index = error(call(
        "pick",
        vec![Value::List(vec![Value::Int(1)]), Value::Int(3)],
    ));
    assert_eq!(index.kind, ErrorKind::Index { index: 3, len: 1 });
}

#[test]
fn calls_that_do_not_fit_and_deep_recursion_are_errors() {
    assert!(matches!(
        call("nope", vec![]),
        Err(RunError::NoSuchFunction(_))
    ));
    assert!(matches!(
        call("fib", vec![]),
        Err(RunError::BadArguments(_))
    ));
    // Private: not callable from outside.
    assert!(matches!(
        call("empty", vec![]),
        Err(RunError::NoSuchFunction(_))
    ));
    assert_eq!(
        call("counts", vec![Value::List(vec![])]),
        Err(RunError::TooDeep)
    );
    let _ = BTreeMap::<String, Value>::new();
}
