//! Behaviour of `#[export_module]`: the module stays as written, and `module()` exposes its
//! `pub` functions, constants and nested modules with their docs and signatures.

#[path = "support/proptest_config.rs"]
mod proptest_config;

use modsmith::dynamic::{CallErrorKind, DynModule, Member, Value};

/// Arithmetic, by name.
#[modsmith::export_module]
pub mod math {
    use modsmith::dynamic::Value;

    /// Adds two numbers.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// Subtracts: `a - b`. Same signature as `add`, so the same group of
    /// functions; a doc with "12:" in it and ünïcödé reads back as written.
    pub fn sub(a: i64, b: i64) -> i64 {
        a - b
    }

    /// Borrows the argument.
    pub fn length(text: &str) -> usize {
        text.chars().count()
    }

    pub fn total(items: &[i64]) -> i64 {
        items.iter().sum()
    }

    pub fn first(values: &[Value]) -> Value {
        values.first().cloned().unwrap_or_default()
    }

    pub fn checked_div(a: i64, b: i64) -> Result<i64, String> {
        a.checked_div(b)
            .ok_or_else(|| format!("cannot divide {a} by zero"))
    }

    pub fn nothing() {}

    #[export(rename = "plus_one")]
    pub fn increment(n: i64) -> i64 {
        n + 1
    }

    #[export(skip)]
    pub fn generic<T: Clone>(value: T) -> T {
        value
    }

    fn private_helper() -> i64 {
        1
    }

    pub fn uses_helper() -> i64 {
        private_helper()
    }

    pub const RATIO: f64 = 1.5;

    /// Trigonometry.
    pub mod trig {
        pub fn sin(x: f64) -> f64 {
            x.sin()
        }
    }
}

/// Members under `#[cfg]`: configured out, they leave `module()` with their items.
#[modsmith::export_module]
pub mod configured {
    #[cfg(any())]
    pub struct OnlyWhenConfigured;

    /// Its own group, whose types exist only when it is compiled; the group after it must
    /// still be found.
    #[cfg(any())]
    pub fn gone(value: OnlyWhenConfigured) -> OnlyWhenConfigured {
        value
    }

    pub fn after(a: i64) -> i64 {
        a * 2
    }

    #[cfg(not(any()))]
    pub fn kept(a: i64) -> i64 {
        a + 1
    }

    #[cfg(any())]
    pub const GONE: i64 = 1;

    pub const KEPT: i64 = 2;

    #[cfg(unix)]
    pub fn platform() -> &'static str {
        "unix"
    }

    #[cfg(not(unix))]
    pub fn platform() -> &'static str {
        "elsewhere"
    }

    #[cfg(any())]
    pub mod gone_module {
        pub fn inner() {}
    }

    // Two modules of one name under different `#[cfg]`s, and a private one configured out
    // before an exported one of its name: each `module()` lands in its own module.
    #[cfg(unix)]
    pub mod sys {
        pub fn kind() -> &'static str {
            "unix"
        }
    }

    #[cfg(not(unix))]
    pub mod sys {
        pub fn kind() -> &'static str {
            "elsewhere"
        }
    }

    #[cfg(any())]
    mod helpers {}

    pub mod helpers {
        pub fn help() -> i64 {
            1
        }
    }
}

#[test]
fn members_configured_out_leave_the_module() {
    let module = configured::module();
    assert_eq!(
        module.names().collect::<Vec<_>>(),
        ["after", "kept", "KEPT", "platform", "sys", "helpers"]
    );
    assert_eq!(
        module.call("sys::kind", &[]).unwrap(),
        Value::from(if cfg!(unix) { "unix" } else { "elsewhere" })
    );
    assert_eq!(module.call("helpers::help", &[]).unwrap(), Value::Int(1));
    assert_eq!(module.call("after", &[2.into()]).unwrap(), Value::Int(4));
    assert_eq!(module.call("kept", &[2.into()]).unwrap(), Value::Int(3));
    assert_eq!(module.constant("KEPT"), Some(&Value::Int(2)));
    let expected = if cfg!(unix) { "unix" } else { "elsewhere" };
    assert_eq!(module.call("platform", &[]).unwrap(), Value::from(expected));
}

#[modsmith::export_module(name = "strings")]
mod text {
    pub fn upper(text: String) -> String {
        text.to_uppercase()
    }
}

#[test]
fn direct_calls_stay_direct() {
    assert_eq!(math::add(1, 2), 3);
    assert_eq!(math::generic("x"), "x");
    assert_eq!(math::increment(1), 2);
}

#[test]
fn module_lists_the_exported_members_in_order() {
    let module: &DynModule = math::module();
    assert_eq!(module.name(), "math");
    assert_eq!(module.doc(), "Arithmetic, by name.");
    assert_eq!(
        module.names().collect::<Vec<_>>(),
        [
            "add",
            "sub",
            "length",
            "total",
            "first",
            "checked_div",
            "nothing",
            "plus_one",
            "uses_helper",
            "RATIO",
            "trig"
        ]
    );
    assert!(std::ptr::eq(module, math::module()), "built once");
    assert!(matches!(module.get("trig"), Some(Member::Module(_))));
    assert_eq!(text::module().name(), "strings");
}

#[test]
fn signatures_and_docs_come_from_the_source() {
    let module = math::module();
    let add = module.signature("add").unwrap();
    assert_eq!(add.to_string(), "add(a: i64, b: i64) -> i64");
    assert_eq!(add.doc(), "Adds two numbers.");
    assert_eq!(
        module.signature("sub").unwrap().doc(),
        "Subtracts: `a - b`. Same signature as `add`, so the same group of\nfunctions; a doc \
         with \"12:\" in it and ünïcödé reads back as written."
    );
    assert_eq!(
        module.signature("length").unwrap().to_string(),
        "length(text: &str) -> usize"
    );
    assert_eq!(
        module.signature("nothing").unwrap().to_string(),
        "nothing()"
    );
    assert_eq!(module.signature("plus_one").unwrap().name(), "plus_one");
    assert_eq!(
        module.signature("checked_div").unwrap().ret(),
        "Result<i64, String>"
    );
    assert_eq!(
        module.get("trig").and_then(|member| match member {
            Member::Module(trig) => Some(trig.doc().to_owned()),
            _ => None,
        }),
        Some("Trigonometry.".to_owned())
    );
}

#[test]
fn calls_by_name_convert_arguments_and_results() {
    let module = math::module();
    assert_eq!(
        module.call("add", &[1.into(), 2.into()]).unwrap(),
        Value::Int(3)
    );
    assert_eq!(
        module.call("length", &["héllo".into()]).unwrap(),
        Value::Int(5)
    );
    assert_eq!(
        module.call("total", &[Value::from(vec![1, 2, 3])]).unwrap(),
        Value::Int(6)
    );
    assert_eq!(
        module.call("first", &[Value::list([7])]).unwrap(),
        Value::Int(7)
    );
    // `sub` shares `add`'s group: each name reaches its own function.
    assert_eq!(
        module.call("sub", &[1.into(), 2.into()]).unwrap(),
        Value::Int(-1)
    );
    assert_eq!(module.call("nothing", &[]).unwrap(), Value::Unit);
    assert_eq!(module.call("plus_one", &[1.into()]).unwrap(), Value::Int(2));
    assert_eq!(module.call("uses_helper", &[]).unwrap(), Value::Int(1));
    assert_eq!(
        module.call("trig::sin", &[0.0.into()]).unwrap(),
        Value::Float(0.0)
    );
    assert_eq!(module.constant("RATIO"), Some(&Value::Float(1.5)));
    assert_eq!(
        text::module().call("upper", &["a".into()]).unwrap(),
        Value::from("A")
    );
}

#[test]
fn bad_calls_are_typed_errors() {
    let module = math::module();
    let error = module.call("add", &[1.into(), "two".into()]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "argument 2 (`b`) of `math::add` must be `i64`, but a str was given"
    );
    let error = module
        .call("checked_div", &[1.into(), 0.into()])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`math::checked_div` failed: cannot divide 1 by zero"
    );
    let error = module.call("generic", &[]).unwrap_err();
    assert!(matches!(error.kind(), CallErrorKind::UnknownName { .. }));
    assert!(module.get("private_helper").is_none());
    let error = module.call("length", &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`math::length` takes 1 argument but was given 0; its signature is `length(text: &str) -> usize`"
    );
}

/// The exports an expansion writes are read by the runtime; a manifest that does not read
/// (which only a bug could write) is a `BuildError`, never a panic, whatever its text.
mod manifest {
    use modsmith::__private::dynamic::{Exports, Group2, ModuleCell, Owned};
    use modsmith::dynamic::Value;
    use proptest::prelude::*;

    fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    static ADD: Group2<Owned<i64>, Owned<i64>, i64> = Group2::<Owned<i64>, Owned<i64>, i64>(&[add]);
    static GROUPS: [&dyn modsmith::dynamic::FunctionGroup; 1] = [&ADD];

    fn build(manifest: &str) -> Result<&'static modsmith::dynamic::DynModule, String> {
        let exports: &'static Exports = Box::leak(Box::new(Exports {
            name: "m",
            doc: "",
            manifest: Box::leak(Box::new([&*Box::leak(
                manifest.to_owned().into_boxed_str(),
            )])),
            groups: &GROUPS,
            constants: &[|| Ok(Value::Int(1))],
            modules: &[],
        }));
        let cell: &'static ModuleCell = Box::leak(Box::new(ModuleCell::new()));
        cell.try_get(exports).map_err(ToString::to_string)
    }

    #[test]
    fn a_well_formed_manifest_builds() {
        let module = build("1:f3:add1:04:Adds3:i641:21:a3:i641:b3:i641:c3:ONE").unwrap();
        assert_eq!(
            module.call("add", &[1.into(), 2.into()]).unwrap(),
            Value::Int(3)
        );
        assert_eq!(module.constant("ONE"), Some(&Value::Int(1)));
    }

    #[test]
    fn a_malformed_manifest_is_a_build_error() {
        let add = "1:f3:add1:00:3:i641:21:a3:i641:b3:i64";
        for manifest in [
            "1:f3:add".to_owned(),                             // cut short
            "1:x3:add".to_owned(),                             // unknown kind
            add.replace("1:00:", "1:90:"),                     // no group 9
            format!("{add}{}", add.replace("3:add", "3:sub")), // a second function in a group of one
            "1:c3:ONE1:c3:TWO".to_owned(),                     // one constant only
            "1:m3:sub".to_owned(),                             // no module
            "99:f".to_owned(),                                 // a length past the end
            "1:f3:add1:00:3:i641:11:a3:i64".to_owned(),        // one parameter for a group of two
            format!("{add}1:c3:add"),                          // two members named `add`
        ] {
            let error = build(&manifest).unwrap_err();
            assert!(error.contains("bug of modsmith"), "{manifest}: {error}");
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config::config())]

        /// Any text, and any cut or splice of a valid manifest: built or refused, no panic.
        #[test]
        fn any_manifest_builds_or_is_refused(
            text in "[0-9:fcmx a]{0,40}",
            cut in 0usize..60,
            splice in "[0-9:]{0,4}",
        ) {
            let _ = build(&text);
            let valid = "1:f3:add1:04:Adds3:i641:21:a3:i641:b3:i641:c3:ONE";
            let cut = cut.min(valid.len());
            let _ = build(&valid[..cut]);
            let _ = build(&format!("{}{splice}{}", &valid[..cut], &valid[cut..]));
        }
    }
}
