//! A program as a `DynModule`: `pub` functions by name with runtime values, signatures in
//! the script's types, records as maps, options as the value or `Unit`, `pub` constants,
//! host functions bound first, and errors that keep the VM's typed error as their source.

use std::collections::BTreeMap;
use std::sync::Arc;

use modsmith_runtime::dynamic::{CallErrorKind, Value};
use modsmith_script::vm::ModuleError;
use modsmith_script::{ErrorKind, Host, Script, VmError};

const SOURCE: &str = r#"
/// Orders.
module orders {
    /// The tax rate.
    pub const RATE: float = 0.2;
    const SECRET: int = 7;
    pub record Line { sku: str, cents: int, qty: int }

    /// The total in cents.
    pub fn total(lines: list[Line]) -> int {
        let mut sum = 0;
        for line in lines { sum += line.cents * line.qty; }
        sum + SECRET - SECRET
    }
    pub fn first(lines: list[Line]) -> option[Line] { get(lines, 0) }
    pub fn divide(a: int, b: int) -> int { a / b }
    fn hidden() -> int { 1 }
}
"#;

fn line(sku: &str, cents: i64, qty: i64) -> Value {
    let mut map = BTreeMap::new();
    map.insert(Arc::from("sku"), Value::from(sku));
    map.insert(Arc::from("cents"), Value::Int(cents));
    map.insert(Arc::from("qty"), Value::Int(qty));
    Value::Map(Arc::new(map))
}

#[test]
fn pub_functions_and_constants_by_name() {
    let module = Script::compile(SOURCE)
        .expect("compiles")
        .into_module()
        .expect("no host");
    assert_eq!(module.name(), "orders");
    assert_eq!(module.doc(), "Orders.");
    let names: Vec<&str> = module.names().collect();
    assert_eq!(names, ["RATE", "total", "first", "divide"]);
    assert_eq!(module.constant("RATE"), Some(&Value::Float(0.2)));
    let lines = Value::List(Arc::new(vec![line("tea", 350, 2), line("cake", 500, 1)]));
    assert_eq!(
        module.call("total", std::slice::from_ref(&lines)),
        Ok(Value::Int(1200))
    );
    assert_eq!(
        module
            .signature("total")
            .map(ToString::to_string)
            .as_deref(),
        Some("total(lines: list[Line]) -> int")
    );
    assert_eq!(
        module.signature("total").map(|s| s.doc()),
        Some("The total in cents.")
    );
    // A record comes back as a map, an option as the value or `Unit`.
    assert_eq!(module.call("first", &[lines]), Ok(line("tea", 350, 2)));
    assert_eq!(
        module.call("first", &[Value::List(Arc::new(Vec::new()))]),
        Ok(Value::Unit)
    );
}

#[test]
fn errors_are_call_errors_with_the_vm_error_as_source() {
    let module = Script::compile(SOURCE)
        .expect("compiles")
        .into_module()
        .expect("no host");
    let error = module
        .call("divide", &[Value::Int(1), Value::Int(0)])
        .unwrap_err();
    assert!(
        matches!(error.kind(), CallErrorKind::Failed { .. }),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "`orders::divide` failed: division by zero in `divide` at 16:44"
    );
    let source = std::error::Error::source(&error)
        .and_then(|source| source.downcast_ref::<VmError>())
        .expect("the VM's error is the source");
    assert!(matches!(source, VmError::Script(e) if e.kind == ErrorKind::DivisionByZero));

    let wrong = module
        .call(
            "total",
            &[Value::List(Arc::new(vec![
                line("tea", 350, 2),
                Value::Int(1),
            ]))],
        )
        .unwrap_err();
    let CallErrorKind::ArgumentType {
        error, expected, ..
    } = wrong.kind()
    else {
        panic!("{wrong}")
    };
    assert_eq!(expected, "list[Line]");
    assert_eq!(error.path(), "[1]");
    let missing_field = module
        .call(
            "total",
            &[Value::List(Arc::new(vec![Value::Map(Arc::new(
                BTreeMap::new(),
            ))]))],
        )
        .unwrap_err();
    assert!(
        missing_field.to_string().contains("the field `sku`"),
        "{missing_field}"
    );
    assert!(matches!(
        module.call("total", &[]).unwrap_err().kind(),
        CallErrorKind::Arity {
            expected: 1,
            got: 0,
            ..
        }
    ));
    assert!(module.call("hidden", &[]).is_err());
}

#[test]
fn host_functions_are_bound_before_the_module_is_made() {
    let program = Script::compile(
        "module clock { pub fn later(by: int) -> int { now() + by } host { fn now() -> int; } }",
    )
    .expect("compiles");
    assert!(matches!(
        program.clone().into_module(),
        Err(ModuleError::Host(_))
    ));
    let module = program
        .instance(Host::new().function("now", || 100_i64))
        .expect("fits")
        .into_module()
        .expect("builds");
    assert_eq!(module.call("later", &[Value::Int(5)]), Ok(Value::Int(105)));
}
