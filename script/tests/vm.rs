//! The VM: the same results and errors as the reference interpreter on the rules program,
//! limits as typed errors, host functions bound and checked, bytes that round-trip, and
//! typed load errors.

use modsmith_script::bytecode::LoadError;
use modsmith_script::interp::{self, RunError};
use modsmith_script::vm::HostError;
use modsmith_script::{ErrorKind, Host, Limits, Program, Script, Value, VmError, check_text};

const PROGRAM: &str = include_str!("programs/rules.ms");

fn program() -> Program {
    Script::compile(PROGRAM).unwrap_or_else(|error| panic!("{error}"))
}

fn host() -> Host {
    Host::new().function("now", || 41_i64)
}

fn item(name: &str, cents: i64, qty: i64) -> Value {
    Value::Record(vec![
        Value::Str(name.into()),
        Value::Int(cents),
        Value::Int(qty),
    ])
}

/// The VM's result, with the interpreter's checked to be the same.
fn call(name: &str, args: Vec<Value>) -> Result<Value, VmError> {
    let vm = program()
        .instance(host())
        .expect("the host fits")
        .call(name, &args);
    let (checked, diagnostics) = check_text(PROGRAM);
    let checked = checked.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let reference = interp::run(
        &checked,
        Some(PROGRAM),
        &mut |_, _| interp::Value::Int(41),
        name,
        args,
    );
    match (&vm, reference) {
        (Ok(value), Ok(expected)) => assert_eq!(*value, expected, "{name}"),
        (Err(VmError::Script(error)), Err(RunError::Script(expected))) => {
            assert_eq!(*error, expected, "{name}");
        }
        (Err(VmError::TooDeep { .. }), Err(RunError::TooDeep)) => {}
        (vm, reference) => panic!("{name}: the VM gave {vm:?}, the interpreter {reference:?}"),
    }
    vm
}

#[test]
fn rules_run_as_in_the_interpreter() {
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
    assert_eq!(
        call(
            "first_or",
            vec![Value::List(vec![Value::Int(3)]), Value::Int(7)]
        ),
        Ok(Value::Int(3))
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
    call("values_stay_values", vec![Value::List(vec![Value::Int(1)])]).expect("runs");
    call("stdlib", vec![Value::Str("héllo".into())]).expect("runs");
}

#[test]
fn run_time_errors_have_the_interpreters_places() {
    let error = |result: Result<Value, VmError>| match result {
        Err(VmError::Script(error)) => error,
        other => panic!("not a script error: {other:?}"),
    };
    let overflow = error(call("overflow", vec![Value::Int(2)]));
    assert_eq!(
        overflow.to_string(),
        "integer overflow in `overflow` at 30:38"
    );
    assert_eq!(
        error(call("divide", vec![Value::Int(1), Value::Int(0)])).kind,
        ErrorKind::DivisionByZero
    );
    assert_eq!(
        error(call(
            "pick",
            vec![Value::List(vec![Value::Int(1)]), Value::Int(3)]
        ))
        .kind,
        ErrorKind::Index { index: 3, len: 1 }
    );
}

#[test]
fn limits_are_typed_errors() {
    let limited = |limits: Limits| {
        program()
            .instance(host())
            .expect("fits")
            .with_limits(limits)
    };
    let fuel = Limits {
        fuel: 1_000,
        ..Limits::default()
    };
    assert_eq!(
        limited(fuel).call("fib", &[Value::Int(25)]),
        Err(VmError::OutOfFuel { limit: 1_000 })
    );
    let depth = Limits {
        call_depth: 10,
        ..Limits::default()
    };
    assert_eq!(
        limited(depth).call("fib", &[Value::Int(25)]),
        Err(VmError::TooDeep { limit: 10 })
    );
    assert_eq!(
        limited(Limits::default()).call("counts", &[Value::List(vec![])]),
        Err(VmError::TooDeep { limit: 10_000 })
    );
    let memory = Limits {
        memory: 1_000,
        ..Limits::default()
    };
    assert_eq!(
        limited(memory).call("build", &[Value::Int(10_000)]),
        Err(VmError::OutOfMemory { limit: 1_000 })
    );
}

#[test]
fn calls_that_do_not_fit_are_errors() {
    let instance = program().instance(host()).expect("fits");
    assert_eq!(
        instance.call("fibb", &[]),
        Err(VmError::NoSuchFunction {
            name: "fibb".into(),
            suggestion: Some("fib".into())
        })
    );
    assert!(matches!(
        instance.call("fib", &[]),
        Err(VmError::Arity {
            expected: 1,
            got: 0,
            ..
        })
    ));
    let wrong = instance.call(
        "total",
        &[
            Value::List(vec![item("tea", 350, 2), Value::Int(3)]),
            Value::Str("gold".into()),
        ],
    );
    let Err(VmError::Argument { mismatch, .. }) = wrong else {
        panic!("{wrong:?}")
    };
    assert_eq!(mismatch.path, "[1]");
    assert_eq!(mismatch.expected, "Item");
    // Private functions are not callable.
    assert!(matches!(
        instance.call("empty", &[]),
        Err(VmError::NoSuchFunction { .. })
    ));
}

#[test]
fn host_functions_are_checked_when_bound() {
    let program = program();
    assert!(matches!(
        program.instance(Host::new()),
        Err(HostError::Missing { ref name, .. }) if name == "now"
    ));
    let wrong = program.instance(Host::new().function("now", |_: i64| 1_i64));
    assert!(
        matches!(wrong, Err(HostError::Mismatch { .. })),
        "{wrong:?}"
    );
    let extra = program.instance(host().function("nwo", || 1_i64));
    assert!(matches!(
        extra,
        Err(HostError::Unknown { ref suggestion, .. }) if suggestion.as_deref() == Some("now")
    ));
}

#[test]
fn bytes_round_trip_and_bad_headers_are_typed() {
    let program = program();
    let bytes = program.to_bytes();
    let loaded = Program::from_bytes(&bytes).expect("loads");
    assert_eq!(loaded.to_bytes(), bytes);
    assert_eq!(
        loaded
            .instance(host())
            .expect("fits")
            .call("fib", &[Value::Int(10)]),
        Ok(Value::Int(55))
    );

    assert_eq!(
        Program::from_bytes(b"nope").unwrap_err(),
        LoadError::NotBytecode
    );
    let mut version = bytes.clone();
    version[4] = 9;
    assert!(matches!(
        Program::from_bytes(&version),
        Err(LoadError::FormatVersion { found: 9, .. })
    ));
    let mut language = bytes.clone();
    language[6] = 7;
    assert!(matches!(
        Program::from_bytes(&language),
        Err(LoadError::LanguageVersion { found: 7, .. })
    ));
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    assert!(matches!(
        Program::from_bytes(&damaged),
        Err(LoadError::Checksum { .. })
    ));
}

#[test]
fn compile_errors_are_rendered_with_the_source() {
    let error = Script::compile("module m { pub fn f() -> int { nope } }").unwrap_err();
    let text = error.to_string();
    assert!(text.contains("script.ms:1:"), "{text}");
    assert!(text.contains("nope"), "{text}");
}

#[test]
fn none_and_empty_lists_get_their_type_from_the_other_arguments() {
    for source in [
        "module m { pub fn f() -> list[option[int]] { let xs: list[option[int]] = []; push(xs, none) } }",
        "module m { pub fn f() -> map[str, option[int]] { let m: map[str, option[int]] = map(); insert(m, \"k\", none) } }",
        "module m { pub fn f() -> bool { let xs: list[option[int]] = [some(1)]; contains(xs, none) } }",
        "module m { pub fn f() -> list[list[int]] { let xs: list[list[int]] = [[1]]; push(xs, []) } }",
        "module m { pub fn f() -> option[option[int]] { some(none) } }",
    ] {
        let program = Script::compile(source).unwrap_or_else(|error| panic!("{source}: {error}"));
        assert!(program.call("f", &[]).is_ok(), "{source}");
    }
}

#[test]
fn a_prepared_call_converts_once_and_runs_as_often_as_asked() {
    let instance = program().instance(host()).expect("fits");
    let items = Value::List(vec![item("tea", 350, 2), item("cake", 500, 1)]);
    let prepared = instance
        .prepare("total", &[items, Value::Str("gold".into())])
        .expect("fits");
    for _ in 0..3 {
        assert_eq!(prepared.call(), Ok(Value::Int(1080)));
    }
    // A function that changes its argument changes its own copy.
    let pushing = instance
        .prepare("values_stay_values", &[Value::List(vec![Value::Int(1)])])
        .expect("fits");
    assert_eq!(pushing.call(), pushing.call());
    assert!(matches!(
        instance.prepare("fibb", &[]),
        Err(VmError::NoSuchFunction { .. })
    ));
}

#[test]
fn empty_literals_take_their_type_from_their_context_or_are_refused() {
    let run = |body: &str| {
        let source = format!("module m {{ pub fn f() -> int {{ {body} }} }}");
        Script::compile(&source).map(|program| program.call("f", &[]))
    };
    for (body, expected) in [
        ("len(push([], 1))", 1),
        ("let x = push([], 1); x[0] + 1", 2),
        ("let xs = if true { [1] } else { [] }; len(xs)", 1),
        ("let xs = [[], [1]]; len(xs)", 2),
        ("let m = insert(map(), \"a\", 1); m[\"a\"]", 1),
        ("if contains([], 1) { 1 } else { 0 }", 0),
        ("if none == some(1) { 1 } else { 0 }", 0),
    ] {
        let result = run(body).unwrap_or_else(|error| panic!("{body}: {error}"));
        assert_eq!(result, Ok(Value::Int(expected)), "{body}");
    }
    for body in [
        "let x = none; if x == some(1) { 1 } else { 0 }",
        "match none { some(x) => x + 1, none => 0 }",
        "len([])",
    ] {
        let error = run(body).expect_err(body);
        assert!(
            error.to_string().contains("is not known"),
            "{body}: {error}"
        );
    }
}

#[test]
fn a_break_in_a_while_condition_leaves_the_enclosing_loop_as_in_the_interpreter() {
    let source = "module m { pub fn f() -> int {
        let mut n = 0;
        for i in 0..3 {
            let mut k = 0;
            while k < 2 && { if i == 1 { break; }; true } { k += 1; n += 1; }
            n += 10;
        }
        n
    } }";
    let (checked, _) = check_text(source);
    let reference = interp::run(
        &checked.expect("checks"),
        Some(source),
        &mut |_, _| interp::Value::Unit,
        "f",
        Vec::new(),
    );
    let vm = Script::compile(source).expect("compiles").call("f", &[]);
    assert_eq!(reference, Ok(interp::Value::Int(12)));
    assert_eq!(vm, Ok(Value::Int(12)));
}

#[test]
fn a_loop_that_reads_only_fields_reads_them_in_place_with_the_interpreters_results() {
    // `a` and `b` are read only through fields: no copy of each record. `kept` is used
    // whole, so its loop copies it. The body reassigns the list it ranges over, which the
    // loop must not see.
    let source = "module m {
        pub record P { x: int, y: int }
        pub fn f(ps: list[P], qs: list[P]) -> int {
            let mut items = ps;
            let mut n = 0;
            for a in items {
                items = [];
                for b in qs { n += a.x * b.y; }
                n += a.y + len(items);
            }
            let mut last = P { x: 0, y: 0 };
            for kept in ps { last = kept; }
            n + last.x
        }
    }";
    let program = Script::compile(source).expect("compiles");
    let f = &program.image().functions[0];
    let count = |name: &str| {
        f.code
            .iter()
            .filter(|op| format!("{op:?}").starts_with(name))
            .count()
    };
    assert_eq!(count("FieldOfIndex"), 3, "{:#?}", f.code);
    assert_eq!(count("Index {"), 1, "only `kept` is copied: {:#?}", f.code);

    let point = |x: i64, y: i64| Value::Record(vec![Value::Int(x), Value::Int(y)]);
    let ps = Value::List(vec![point(1, 2), point(3, 4), point(5, 6)]);
    let qs = Value::List(vec![point(10, 20), point(30, 40)]);
    let args = vec![ps, qs];
    let (checked, _) = check_text(source);
    let reference = interp::run(
        &checked.expect("checks"),
        Some(source),
        &mut |_, _| interp::Value::Unit,
        "f",
        args.clone(),
    );
    let vm = program.call("f", &args);
    // (1 + 3 + 5) * (20 + 40) + (2 + 4 + 6) + 5
    assert_eq!(reference, Ok(interp::Value::Int(557)));
    assert_eq!(vm, Ok(Value::Int(557)));
}

#[test]
fn lists_of_records_behave_as_lists_of_values() {
    // The VM keeps a list of records as one table of fields and a record read from it as a
    // view of its row; none of that may show. Every line mixes the two forms with records
    // made anew, and the interpreter (plain values) must agree.
    let source = r#"module m {
        pub record P { x: int, name: str }
        pub record Empty {}
        pub record Bag { points: list[P], tag: str }
        pub fn f(ps: list[P]) -> int {
            let made = [P { x: 1, name: "a" }, P { x: 2, name: "b" }];
            let mut built: list[P] = [];
            for p in ps { built = push(built, p); }
            let mut score = 0;
            if built == ps { score += 1; }
            if made == ps { score += 10; }
            if ps[0] == (P { x: 1, name: "a" }) { score += 100; }
            if contains(ps, P { x: 2, name: "b" }) { score += 1000; }
            let first = match get(ps, 0) { some(p) => p.x, none => -1 };
            let missing = match get(ps, 9) { some(p) => p.x, none => -1 };
            let bag = Bag { points: ps, tag: "t" };
            let inner = bag.points[1].name;
            let empties = [Empty {}, Empty {}, Empty {}];
            let mut copies = 0;
            for p in ps { let kept = p; if kept.x > 0 { copies += kept.x; } }
            score + first * 10000 + missing + len(inner) + len(empties) * 100000 + copies * 1000000
        }
        pub fn g(ps: list[P]) -> list[P] {
            let mut out = ps;
            out = push(out, P { x: 3, name: "c" });
            out = push(out, out[0]);
            out
        }
        pub fn h(ps: list[P], i: int) -> str { ps[i].name }
    }"#;
    let program = Script::compile(source).expect("compiles");
    let (checked, diagnostics) = check_text(source);
    let checked = checked.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let point = |x: i64, name: &str| Value::Record(vec![Value::Int(x), Value::Str(name.into())]);
    let ps = Value::List(vec![point(1, "a"), point(2, "b")]);
    for (name, args) in [
        ("f", vec![ps.clone()]),
        ("g", vec![ps.clone()]),
        ("h", vec![ps.clone(), Value::Int(1)]),
        ("h", vec![ps.clone(), Value::Int(2)]),
        ("h", vec![Value::List(Vec::new()), Value::Int(0)]),
    ] {
        let reference = interp::run(
            &checked,
            Some(source),
            &mut |_, _| interp::Value::Unit,
            name,
            args.clone(),
        );
        let vm = program.call(name, &args);
        match (&vm, &reference) {
            (Ok(value), Ok(expected)) => assert_eq!(value, expected, "{name}{args:?}"),
            (Err(VmError::Script(error)), Err(RunError::Script(expected))) => {
                assert_eq!(error, expected, "{name}{args:?}");
            }
            _ => panic!("{name}{args:?}: the VM gave {vm:?}, the interpreter {reference:?}"),
        }
    }
    // The values themselves, so that agreement is not agreement on a wrong answer.
    assert_eq!(
        program.call("f", std::slice::from_ref(&ps)),
        Ok(Value::Int(1111 + 10000 - 1 + 1 + 300000 + 3000000))
    );
    assert_eq!(
        program.call("g", std::slice::from_ref(&ps)),
        Ok(Value::List(vec![
            point(1, "a"),
            point(2, "b"),
            point(3, "c"),
            point(1, "a")
        ]))
    );
}
