//! `script!`: modules of the script language compiled to Rust, inline and from a file; every
//! construct, the standard library, run-time errors with their place, the host.

use modsmith::script::{ErrorKind, ScriptError};

modsmith::script! {
    /// Pricing rules.
    pub module pricing {
        const VAT: float = 0.2;
        const BASE: int = 100;
        const DOUBLE: int = BASE * 2;
        const NAME: str = "shop";
        pub record Item { name: str, cents: int, qty: int }

        fn net(gross: float) -> float { gross / (1.0 + VAT) }
        pub fn total(items: list[Item], tier: str) -> int {
            let mut sum = 0;
            for item in items { sum = sum + item.cents * item.qty; }
            match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
        }
        pub fn gross(net_cents: float) -> float { net_cents * (1.0 + VAT) }
        pub fn net_of(gross: float) -> float { net(gross) }
        pub fn fib(n: int) -> int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
        pub fn sum_to(n: int) -> int {
            let mut sum = 0;
            let mut i = 0;
            while true {
                i += 1;
                if i > n { break; }
                if i % 2 == 0 { continue; }
                sum += i;
            }
            sum
        }
        pub fn build(n: int) -> str {
            let mut text = "";
            for i in 0..n { text += to_str(i); text = text + ","; }
            text
        }
        pub fn first_or(items: list[int], fallback: int) -> int {
            match get(items, 0) { some(x) => x, none => fallback }
        }
        pub fn names(items: list[Item]) -> list[str] {
            let mut names: list[str] = [];
            for item in items { names = push(names, item.name); }
            names
        }
        pub fn counts(words: list[str]) -> map[str, int] {
            let mut seen: map[str, int] = map();
            for word in words {
                let n = match get(seen, word) { some(n) => n, none => 0 };
                seen = insert(seen, word, n + 1);
            }
            seen
        }
        pub fn sorted_keys(words: list[str]) -> list[str] { keys(counts(words)) }
        pub fn stdlib(text: str) -> list[str] {
            [to_str(len(text)), to_str(min(3, 4)), to_str(max(2.5, 1.5)), to_str(abs(-3)),
             to_str(to_int(-3.7)), to_str(to_float(2)), to_str(contains(text, "é")),
             to_str(contains([1, 2], 2)), to_str(DOUBLE), NAME, to_str(round(2.5))]
        }
        pub fn overflow(n: int) -> int { n * 9223372036854775807 }
        pub fn pick(items: list[int], i: int) -> int { items[i] }
        pub fn stamped(offset: int) -> int { now() + offset }
        host { fn now() -> int; }
    }
}

modsmith::script!(pub file = "tests/scripts/pricing.ms", bytecode = true);

// The issue's example, as written: a private record used by a `pub` function is `pub` in
// the Rust it becomes, and the unused private `net` is no warning.
modsmith::script! {
    /// Pricing rules.
    module issue_example {
        const VAT: float = 0.2;
        record Item { name: str, cents: int, qty: int }
        fn net(gross: float) -> float { gross / (1.0 + VAT) }
        pub fn total(items: list[Item], tier: str) -> int {
            let mut sum = 0;
            for item in items { sum = sum + item.cents * item.qty; }
            match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
        }
    }
}

#[test]
fn the_issues_example_compiles_as_written() -> Result<(), ScriptError> {
    let items = [issue_example::Item {
        name: "tea".into(),
        cents: 350,
        qty: 2,
    }];
    assert_eq!(issue_example::total(&items, "silver")?, 665);
    Ok(())
}

fn basket() -> Vec<pricing::Item> {
    vec![
        pricing::Item {
            name: "tea".into(),
            cents: 350,
            qty: 2,
        },
        pricing::Item {
            name: "cake".into(),
            cents: 500,
            qty: 1,
        },
    ]
}

#[test]
fn rules_run_as_plain_rust() -> Result<(), ScriptError> {
    assert_eq!(pricing::total(&basket(), "gold")?, 1080);
    assert_eq!(pricing::total(&basket(), "other")?, 1200);
    assert_eq!(pricing::fib(20)?, 6765);
    assert_eq!(pricing::sum_to(10)?, 25);
    assert_eq!(pricing::build(3), "0,1,2,");
    assert_eq!(pricing::first_or(&[], 7), 7);
    assert_eq!(pricing::first_or(&[9], 7), 9);
    assert_eq!(pricing::names(&basket()), ["tea", "cake"]);
    let words: Vec<String> = ["b", "a", "b"].map(String::from).to_vec();
    let counts = pricing::counts(&words)?;
    assert_eq!(counts.get("b"), Some(&2));
    assert_eq!(pricing::sorted_keys(&words)?, ["a", "b"]);
    // Float arithmetic that cannot fail returns the value itself; division can fail.
    let gross: f64 = pricing::gross(100.0);
    assert!((gross - 120.0).abs() < 1e-9);
    assert!((pricing::net_of(120.0)? - 100.0).abs() < 1e-9);
    Ok(())
}

#[test]
fn the_standard_library_agrees_with_the_reference() -> Result<(), ScriptError> {
    assert_eq!(
        pricing::stdlib("héllo")?,
        [
            "5", "3", "2.5", "3", "-3", "2.0", "true", "true", "200", "shop", "3.0"
        ]
    );
    Ok(())
}

#[test]
fn run_time_errors_say_what_and_where() {
    let error = pricing::overflow(2).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Overflow);
    assert_eq!(error.function, "overflow");
    assert!(error.line > 0 && error.column > 0, "{error}");
    let error = pricing::pick(&[1], 3).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Index { index: 3, len: 1 });
    let error = file_pricing::divide(1, 0).unwrap_err();
    assert_eq!(error.to_string(), "division by zero in `divide` at 16:44");
}

struct Clock;

impl pricing::Host for Clock {
    fn now(&self) -> i64 {
        1000
    }
}

#[test]
fn host_functions_are_a_trait_the_embedder_implements() -> Result<(), ScriptError> {
    assert_eq!(pricing::stamped(&Clock, 5)?, 1005);
    Ok(())
}

#[test]
fn a_script_from_a_file() -> Result<(), ScriptError> {
    let items = [file_pricing::Item {
        name: "tea".into(),
        cents: 100,
        qty: 3,
    }];
    assert_eq!(file_pricing::total(&items, "silver")?, 285);
    assert!((file_pricing::net(120.0)? - 100.0).abs() < 1e-9);
    Ok(())
}

#[test]
fn records_convert_to_and_from_values() {
    use modsmith::dynamic::{FromValue, IntoValue, Value};
    let item = pricing::Item {
        name: "tea".into(),
        cents: 350,
        qty: 2,
    };
    let value = item.clone().into_value().expect("converts");
    assert_eq!(value.get("name").and_then(Value::as_str), Some("tea"));
    assert_eq!(pricing::Item::from_value(&value).ok(), Some(item));
    let error = pricing::Item::from_value(&Value::Int(3)).unwrap_err();
    assert_eq!(error.to_string(), "expected `Item`, found int");
}

// Inline, with the option first; a function that reaches the host is left out of the
// native `module()`.
modsmith::script! {
    pub bytecode = true,
    /// Clock rules.
    module clock {
        pub const STEP: int = 15;
        pub fn round_up(minutes: int) -> int { (minutes + STEP - 1) / STEP * STEP }
        pub fn later(by: int) -> int { now() + by }
        host { fn now() -> int; }
    }
}

#[test]
fn one_module_runs_natively_or_in_the_vm() -> Result<(), Box<dyn std::error::Error>> {
    use modsmith::dynamic::Value;
    use modsmith::script::{Program, VmError};

    // The embedded bytes load through the same loader as any bytes.
    let program = Program::from_bytes(file_pricing::BYTECODE)?;
    assert_eq!(program.name(), "file_pricing");
    let vm = file_pricing::program()?.into_module()?;
    let native = file_pricing::module()?;
    let names: Vec<&str> = vm.names().collect();
    assert_eq!(names, native.names().collect::<Vec<_>>());
    for name in ["net", "total", "divide"] {
        assert_eq!(
            vm.signature(name).map(ToString::to_string),
            native.signature(name).map(ToString::to_string),
            "{name}"
        );
    }
    let items = Value::from_serde(&serde_json::json!([
        {"name": "tea", "cents": 100, "qty": 3},
        {"name": "cake", "cents": 250, "qty": 1}
    ]))?;
    for module in [&vm, &native] {
        assert_eq!(
            module.call("total", &[items.clone(), Value::from("silver")])?,
            Value::Int(522)
        );
    }
    // The same error, with the same place, as each back end's typed source.
    let args = [Value::Int(1), Value::Int(0)];
    let (vm_error, native_error) = (
        vm.call("divide", &args).unwrap_err(),
        native.call("divide", &args).unwrap_err(),
    );
    assert_eq!(vm_error.to_string(), native_error.to_string());
    let source = std::error::Error::source(&vm_error).and_then(|e| e.downcast_ref::<VmError>());
    let native_source =
        std::error::Error::source(&native_error).and_then(|e| e.downcast_ref::<ScriptError>());
    assert!(matches!(source, Some(VmError::Script(e)) if Some(e) == native_source));

    // Host functions: bound in the VM, left out of the native module.
    let clock_vm = clock::program()?
        .instance(modsmith::script::Host::new().function("now", || 600_i64))?
        .into_module()?;
    assert_eq!(clock_vm.call("later", &[Value::Int(5)])?, Value::Int(605));
    let clock_native = clock::module()?;
    assert!(clock_native.get("later").is_none());
    assert_eq!(
        clock_native.call("round_up", &[Value::Int(31)])?,
        Value::Int(45)
    );
    assert_eq!(
        clock_vm.call("round_up", &[Value::Int(31)])?,
        Value::Int(45)
    );
    assert_eq!(clock_native.constant("STEP"), Some(&Value::Int(15)));
    assert_eq!(clock_native.doc(), clock_vm.doc());
    Ok(())
}
