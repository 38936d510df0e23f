//! Behaviour of run-time modules (`modsmith::dynamic`): values and their conversions, calls
//! and every call error, the builder's checks, composition, wrapping, and serde.

#[path = "support/proptest_config.rs"]
mod proptest_config;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use modsmith::dynamic::{
    CallError, CallErrorKind, ConflictPolicy, DynModule, FromValue, FunctionInfo, IntoValue,
    Member, ModuleBuilder, Source, Value,
};

fn math() -> DynModule {
    let trig = ModuleBuilder::new("trig")
        .function_with("sin", FunctionInfo::new().params(["x"]), f64::sin)
        .build()
        .expect("valid module");
    ModuleBuilder::new("math")
        .doc("Arithmetic.")
        .constant("PI", std::f64::consts::PI)
        .function_with(
            "add",
            FunctionInfo::new()
                .doc("Adds two numbers.")
                .params(["a", "b"]),
            // Wrapping: the property test passes any two integers.
            |a: i64, b: i64| a.wrapping_add(b),
        )
        .function_with(
            "div",
            FunctionInfo::new().params(["a", "b"]),
            |a: i64, b: i64| a.checked_div(b).ok_or("division by zero"),
        )
        .function_with(
            "shout",
            FunctionInfo::new().params(["text"]),
            |text: String| text.to_uppercase(),
        )
        .function("sum", |items: Vec<i64>| {
            items
                .iter()
                .try_fold(0_i64, |total, item| total.checked_add(*item))
                .ok_or("the sum overflows")
        })
        .function("boom", || -> i64 { panic!("kaboom") })
        .function("huge", || u64::MAX)
        .submodule(trig)
        .build()
        .expect("valid module")
}

// ---------------------------------------------------------------- values

#[test]
fn scalars_convert_both_ways_and_large_integers_are_refused() {
    assert_eq!(Value::from(7_u8), Value::Int(7));
    assert_eq!(Value::from(()), Value::Unit);
    assert_eq!(Value::from(None::<i64>), Value::Unit);
    assert_eq!(Value::from(Some("a")), Value::from("a"));
    assert_eq!(
        Value::try_from(u64::MAX).unwrap_err().to_string(),
        "18446744073709551615 does not fit in `i64`"
    );
    assert_eq!(Value::try_from(5_u64).unwrap(), Value::Int(5));
    assert_eq!(
        u8::from_value(&Value::Int(300)).unwrap_err().to_string(),
        "300 does not fit in `u8`"
    );
    assert_eq!(
        i64::from_value(&Value::from("7")).unwrap_err().to_string(),
        "expected `i64`, found str"
    );
    // A float parameter takes an integer, widened.
    assert_eq!(f64::from_value(&Value::Int(2)).unwrap(), 2.0);
    assert_eq!(<Option<i64>>::from_value(&Value::Unit).unwrap(), None);
}

#[test]
fn equality_follows_the_documented_decisions() {
    assert_ne!(Value::Int(1), Value::Float(1.0));
    assert_ne!(Value::Float(f64::NAN), Value::Float(f64::NAN));
    let handle = Value::opaque(vec![1_u8]);
    assert_eq!(handle, handle.clone());
    assert_ne!(handle, Value::opaque(vec![1_u8]));
    assert_eq!(handle.downcast_ref::<Vec<u8>>(), Some(&vec![1]));
    assert_eq!(handle.downcast_ref::<String>(), None);
    // Maps compare and print by sorted key, whatever the order of insertion.
    let ab = Value::map([("a", 1), ("b", 2)]);
    let ba = Value::map([("b", 2), ("a", 1)]);
    assert_eq!(ab, ba);
    assert_eq!(ba.to_string(), r#"{"a": 1, "b": 2}"#);
}

#[test]
fn containers_convert_and_errors_say_where() {
    let list = Value::from(vec![1, 2, 3]);
    assert_eq!(<Vec<i64>>::from_value(&list).unwrap(), [1, 2, 3]);
    let mixed = Value::list([Value::Int(1), Value::from("x")]);
    let error = <Vec<i64>>::from_value(&mixed).unwrap_err();
    assert_eq!(error.to_string(), "at [1]: expected `i64`, found str");
    let map = Value::map([("port", Value::Int(80)), ("host", Value::from("h"))]);
    let error = <BTreeMap<String, i64>>::from_value(&map).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"at ["host"]: expected `i64`, found str"#
    );
    let tuple = (1_i64, "two".to_owned()).into_value().unwrap();
    assert_eq!(
        <(i64, String)>::from_value(&tuple).unwrap(),
        (1, "two".to_owned())
    );
    assert_eq!(Value::list([1.5, 2.0]).to_string(), "[1.5, 2.0]");
    assert_eq!(Value::from(&b"\x00a"[..]).to_string(), r#"b"\x00a""#);
}

#[test]
fn shared_lists_are_copied_on_write() {
    let original = Value::from(vec![1, 2]);
    let mut copy = original.clone();
    copy.as_list_mut().unwrap().push(Value::Int(3));
    assert_eq!(original.as_list().unwrap().len(), 2);
    assert_eq!(copy.as_list().unwrap().len(), 3);
}

// ---------------------------------------------------------------- calls

#[test]
fn functions_are_called_by_name_through_handles_and_paths() {
    let math = math();
    assert_eq!(
        math.call("add", &[1.into(), 2.into()]).unwrap(),
        Value::Int(3)
    );
    let add = math.function("add").unwrap();
    assert_eq!(add.call(&[40.into(), 2.into()]).unwrap(), Value::Int(42));
    assert_eq!(
        math.call("trig::sin", &[0.0.into()]).unwrap(),
        Value::Float(0.0)
    );
    assert_eq!(
        math.call("shout", &["hi".into()]).unwrap(),
        Value::from("HI")
    );
    assert_eq!(
        math.call("sum", &[Value::from(vec![1, 2, 3])]).unwrap(),
        Value::Int(6)
    );
    assert_eq!(
        math.constant("PI"),
        Some(&Value::Float(std::f64::consts::PI))
    );
    assert_eq!(
        math.names().collect::<Vec<_>>(),
        ["PI", "add", "div", "shout", "sum", "boom", "huge", "trig"]
    );
    let signature = math.signature("add").unwrap();
    assert_eq!(signature.to_string(), "add(a: i64, b: i64) -> i64");
    assert_eq!(signature.doc(), "Adds two numbers.");
    assert_eq!(
        math.signature("sum").unwrap().to_string(),
        "sum(arg1: Vec<i64>) -> Result<i64, &str>"
    );
    assert_eq!(
        math.signature("div").unwrap().to_string(),
        "div(a: i64, b: i64) -> Result<i64, &str>"
    );
    let listed = format!("{math:?}");
    assert!(listed.starts_with("DynModule math {"), "{listed}");
    assert!(listed.contains("fn add(a: i64, b: i64) -> i64"), "{listed}");
    assert!(listed.contains("mod trig"), "{listed}");
}

#[test]
fn an_unknown_name_suggests_the_closest() {
    let error = math().call("dvi", &[]).unwrap_err();
    assert!(
        matches!(error.kind(), CallErrorKind::UnknownName { suggestion: Some(name), .. } if name == "div")
    );
    assert_eq!(
        error.to_string(),
        "module `math` has no member `dvi`; did you mean `div`?"
    );
    let error = math().call("trig::son", &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "module `trig` has no member `son`; did you mean `sin`?"
    );
    let error = math().call("zzzzzz", &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "module `math` has no member `zzzzzz`; `names()` lists what it has"
    );
}

#[test]
fn a_constant_is_not_a_function() {
    let error = math().call("PI", &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`math::PI` is a constant, not a function; read it with `get`"
    );
}

#[test]
fn the_wrong_number_of_arguments_shows_the_signature() {
    let error = math().call("add", &[1.into()]).unwrap_err();
    assert!(matches!(
        error.kind(),
        CallErrorKind::Arity {
            expected: 2,
            got: 1,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "`math::add` takes 2 arguments but was given 1; its signature is `add(a: i64, b: i64) -> i64`"
    );
}

#[test]
fn an_argument_of_the_wrong_type_names_the_parameter() {
    let error = math().call("add", &[1.into(), "2".into()]).unwrap_err();
    assert!(
        matches!(error.kind(), CallErrorKind::ArgumentType { index: 1, parameter, .. } if parameter == "b")
    );
    assert_eq!(
        error.to_string(),
        "argument 2 (`b`) of `math::add` must be `i64`, but a str was given"
    );
    let error = math()
        .call("sum", &[Value::list([Value::Int(1), Value::Bool(true)])])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "argument 1 (`arg1`) of `math::sum` must be `Vec<i64>`, but a list was given (at [1]: expected `i64`, found bool)"
    );
}

#[test]
fn the_functions_own_error_is_reported() {
    let error = math().call("div", &[1.into(), 0.into()]).unwrap_err();
    assert_eq!(
        error.into_kind(),
        CallErrorKind::Failed {
            function: "math::div".into(),
            message: "division by zero".into()
        }
    );
}

#[test]
fn a_result_that_does_not_fit_is_an_error() {
    let error = math().call("huge", &[]).unwrap_err();
    assert!(
        matches!(error.kind(), CallErrorKind::Return { .. }),
        "{error}"
    );
}

#[test]
fn a_panic_is_caught_and_the_module_stays_usable() {
    let math = math();
    let error = math.call("boom", &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`math::boom` panicked: kaboom (the panic was caught; the module is still usable)"
    );
    assert_eq!(
        math.call("add", &[1.into(), 1.into()]).unwrap(),
        Value::Int(2)
    );
}

#[test]
fn modules_are_send_sync_and_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let math = math();
    assert_send_sync(&math);
    let handles: Vec<_> = (0..4_i64)
        .map(|n| {
            let math = math.clone();
            std::thread::spawn(move || math.call("add", &[n.into(), 1.into()]).unwrap())
        })
        .collect();
    let results: Vec<Value> = handles
        .into_iter()
        .map(|handle| handle.join().unwrap())
        .collect();
    assert_eq!(results, [1, 2, 3, 4].map(Value::Int));
}

// ---------------------------------------------------------------- building

#[test]
fn build_reports_every_problem_at_once() {
    let error = ModuleBuilder::new("my module")
        .function("add", |a: i64| a)
        .function("add", |a: i64| a)
        .constant("2x", 1)
        .constant("big", u64::MAX)
        .function_with(
            "f",
            FunctionInfo::new().params(["only_one"]),
            |a: i64, b: i64| a + b,
        )
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "module `my module` has 5 problems:\n  \
         - constant `big` is not a value: 18446744073709551615 does not fit in `i64`\n  \
         - function `f` has 2 parameters but 1 names were given\n  \
         - the module's name `my module` may hold only letters, digits and `_`\n  \
         - two members are named `add` (a function and a function); rename one\n  \
         - member `2x` must start with a letter or `_`"
    );
}

#[test]
fn extend_inherits_and_overrides_in_place() {
    let base = math();
    let child = ModuleBuilder::new("child")
        .extend(&base)
        .function("add", |a: i64, b: i64| a * b)
        .function("extra", || 1)
        .build()
        .unwrap();
    assert_eq!(
        child.call("add", &[3.into(), 4.into()]).unwrap(),
        Value::Int(12)
    );
    assert_eq!(
        child.call("div", &[8.into(), 2.into()]).unwrap(),
        Value::Int(4)
    );
    assert_eq!(child.names().nth(1), Some("add"));
    assert_eq!(child.names().last(), Some("extra"));
    assert_eq!(child.doc(), "Arithmetic.");
}

// ---------------------------------------------------------------- composition

fn pair() -> (DynModule, DynModule) {
    let a = ModuleBuilder::new("a")
        .function("f", || 1)
        .function("g", || 2)
        .build()
        .unwrap();
    let b = ModuleBuilder::new("b")
        .function("f", || 3)
        .function("g", || 4)
        .build()
        .unwrap();
    (a, b)
}

#[test]
fn composition_refuses_conflicts_and_lists_every_one() {
    let (a, b) = pair();
    let error = DynModule::compose("ab", [&a, &b], ConflictPolicy::Error).unwrap_err();
    assert_eq!(
        error.conflicts(),
        [
            ("f".to_owned(), vec!["a".to_owned(), "b".to_owned()]),
            ("g".to_owned(), vec!["a".to_owned(), "b".to_owned()])
        ]
    );
    assert!(
        error.to_string().contains("`f` is defined by `a` and `b`"),
        "{error}"
    );
}

#[test]
fn composition_policies_choose_a_side() {
    let (a, b) = pair();
    let first = DynModule::compose("ab", [&a, &b], ConflictPolicy::First).unwrap();
    assert_eq!(first.call("f", &[]).unwrap(), Value::Int(1));
    let last = DynModule::compose("ab", [&a, &b], ConflictPolicy::Last).unwrap();
    assert_eq!(last.call("g", &[]).unwrap(), Value::Int(4));
    let preferred = DynModule::compose("ab", [&a, &b], ConflictPolicy::Prefer("b".into())).unwrap();
    assert_eq!(preferred.call("f", &[]).unwrap(), Value::Int(3));
}

#[test]
fn composition_rules_include_exclude_and_rename() {
    let (a, b) = pair();
    let composed = DynModule::compose(
        "ab",
        [
            Source::new(&a).only(["f"]),
            Source::new(&b).except(["g"]).rename("f", "f_b"),
        ],
        ConflictPolicy::Error,
    )
    .unwrap();
    assert_eq!(composed.names().collect::<Vec<_>>(), ["f", "f_b"]);
    assert_eq!(composed.call("f_b", &[]).unwrap(), Value::Int(3));
    assert_eq!(composed.signature("f_b").unwrap().name(), "f_b");
    let error = DynModule::compose(
        "ab",
        [
            Source::new(&a).only(["h"]),
            Source::new(&b).rename("gg", "x"),
        ],
        ConflictPolicy::Prefer("c".into()),
    )
    .unwrap_err();
    assert_eq!(
        error.problems(),
        [
            "`prefer(c)` names no source of this composition",
            "`a` has no member `h`",
            "`b` has no member `gg`; did you mean `g`?",
        ]
    );
}

#[test]
fn local_items_override_a_composition() {
    let (a, b) = pair();
    let composed = DynModule::compose("ab", [&a, &b], ConflictPolicy::First).unwrap();
    let app = ModuleBuilder::new("app")
        .extend(&composed)
        .function("g", || 9)
        .build()
        .unwrap();
    assert_eq!(app.call("g", &[]).unwrap(), Value::Int(9));
    assert!(matches!(app.get("f"), Some(Member::Function(_))));
}

// ---------------------------------------------------------------- wrapping

#[test]
fn middleware_sees_every_call_and_can_change_it() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let doubled = math().wrap(move |call, next| {
        counted.fetch_add(1, Ordering::Relaxed);
        let result = next.run(call.args())?;
        Ok(match result {
            Value::Int(n) => Value::Int(n * 2),
            other => other,
        })
    });
    assert_eq!(
        doubled.call("add", &[1.into(), 2.into()]).unwrap(),
        Value::Int(6)
    );
    assert_eq!(
        doubled.call("trig::sin", &[0.0.into()]).unwrap(),
        Value::Float(0.0)
    );
    // Errors pass through unchanged, named after the wrapped function.
    let error = doubled.call("add", &[1.into()]).unwrap_err();
    assert!(matches!(error.kind(), CallErrorKind::Arity { .. }));
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(doubled.signature("add"), math().signature("add"));
}

#[cfg(feature = "tracing")]
#[test]
fn instrumented_modules_record_a_span_per_call_with_secrets_redacted() {
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let auth = ModuleBuilder::new("auth")
        .function_with(
            "login",
            FunctionInfo::new().params(["user", "password"]),
            |user: String, _password: String| {
                if user == "ann" {
                    Ok(true)
                } else {
                    Err("unknown user")
                }
            },
        )
        .build()
        .unwrap()
        .instrumented();
    tracing::subscriber::with_default(subscriber, || {
        auth.call("login", &["ann".into(), "hunter2".into()])
            .unwrap();
        auth.call("login", &["bob".into(), "pw".into()])
            .unwrap_err();
    });
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains(r#"call{function=auth::login args=user = Str("ann"), password = ***}"#),
        "{text}"
    );
    assert!(!text.contains("hunter2"), "{text}");
    assert!(
        text.contains("call failed error=`auth::login` failed: unknown user"),
        "{text}"
    );
}

// ---------------------------------------------------------------- serde

#[cfg(feature = "serde")]
#[test]
fn serde_types_cross_into_and_out_of_values() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Order {
        id: u32,
        items: Vec<String>,
        note: Option<String>,
    }
    let order = Order {
        id: 7,
        items: vec!["tea".into()],
        note: None,
    };
    let value = Value::from_serde(&order).unwrap();
    assert_eq!(value.get("id"), Some(&Value::Int(7)));
    assert_eq!(value.get("note"), Some(&Value::Unit));
    assert_eq!(value.to_serde::<Order>().unwrap(), order);
    assert!(Value::from_serde(&u64::MAX).is_err());
    assert!(value.to_serde::<Vec<i64>>().is_err());
    // Value itself is Serialize + Deserialize.
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(json, r#"{"id":7,"items":["tea"],"note":null}"#);
    let back: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
    assert!(serde_json::to_string(&Value::opaque(1_u8)).is_err());
}

// ---------------------------------------------------------------- property

mod property {
    use proptest::prelude::*;

    use super::*;

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Unit),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::Int),
            any::<f64>().prop_map(Value::Float),
            "[a-z]{0,6}".prop_map(Value::from),
            Just(Value::opaque(5_u8)),
        ];
        leaf.prop_recursive(2, 8, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::list),
                proptest::collection::vec(("[a-c]", inner), 0..3).prop_map(Value::map),
            ]
        })
    }

    fn any_name() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("add".to_owned()),
            Just("div".to_owned()),
            Just("shout".to_owned()),
            Just("sum".to_owned()),
            Just("boom".to_owned()),
            Just("huge".to_owned()),
            Just("PI".to_owned()),
            Just("trig".to_owned()),
            Just("trig::sin".to_owned()),
            Just("trig::cos".to_owned()),
            "[a-z:]{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(crate::proptest_config::config())]

        /// No call escapes with a panic, and each error is the variant its cause calls for.
        #[test]
        fn random_calls_never_panic_and_fail_with_the_right_error(
            name in any_name(),
            args in proptest::collection::vec(any_value(), 0..4),
        ) {
            let math = math();
            let result = math.call(&name, &args);
            match (math.get(&name), result.as_ref().map_err(CallError::kind)) {
                (None, Err(CallErrorKind::UnknownName { .. })) => {}
                (Some(Member::Constant(_) | Member::Module(_)), Err(CallErrorKind::NotAFunction { .. })) => {}
                (Some(Member::Function(function)), Err(CallErrorKind::Arity { expected, got, .. })) => {
                    prop_assert_eq!(*expected, function.signature().params().len());
                    prop_assert_eq!(*got, args.len());
                    prop_assert_ne!(*expected, args.len());
                }
                (Some(Member::Function(function)), Err(CallErrorKind::ArgumentType { index, .. })) => {
                    prop_assert_eq!(function.signature().params().len(), args.len());
                    prop_assert!(*index < args.len());
                }
                (Some(Member::Function(function)), Err(CallErrorKind::Failed { .. })) => {
                    prop_assert!(["div", "sum"].contains(&function.name()), "{}", function.name());
                }
                (Some(Member::Function(function)), Err(CallErrorKind::Panicked { .. })) => {
                    prop_assert_eq!(function.name(), "boom");
                }
                (Some(Member::Function(function)), Err(CallErrorKind::Return { .. })) => {
                    prop_assert_eq!(function.name(), "huge");
                }
                (Some(Member::Function(_)), Ok(_)) => {}
                (member, result) => prop_assert!(false, "{name}: {member:?} gave {result:?}"),
            }
        }
    }
}

/// A call's result is no larger than a `Value`: the error is one pointer, and `Value`'s word
/// tag leaves a niche for `Option` and `Result`. The body's result inside the runtime
/// (`Result<Value, Fault>`) has the same size, so a call that succeeds hands its value
/// through without widening it.
#[cfg(target_pointer_width = "64")]
#[test]
fn a_call_result_is_as_small_as_a_value() {
    use std::mem::size_of;
    assert_eq!(size_of::<Value>(), 24);
    assert_eq!(size_of::<Option<Value>>(), 24);
    assert_eq!(size_of::<Result<Value, CallError>>(), 24);
    assert_eq!(size_of::<Result<Value, modsmith::dynamic::Fault>>(), 24);
}
