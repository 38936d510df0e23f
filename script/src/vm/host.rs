//! Host functions: what a program declares in `host { .. }` and its embedder provides as
//! Rust closures. Each closure's parameter and result types are known to Rust
//! ([`HostType`]), so binding a program to its host checks them against the declared
//! signatures, once, before any call.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::value::Value;

/// A type as a host closure's Rust types spell it, matched against a script's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostType {
    /// `i64`: `int`.
    Int,
    /// `f64`: `float`.
    Float,
    /// `bool`.
    Bool,
    /// `String`: `str`.
    Str,
    /// `()`: nothing.
    Unit,
    /// `Vec<T>`: `list[T]`.
    List(Box<HostType>),
    /// `BTreeMap<String, T>`: `map[str, T]`.
    Map(Box<HostType>),
    /// `Option<T>`: `option[T]`.
    Option(Box<HostType>),
    /// [`Value`]: any type, records included, as a plain value.
    Any,
}

impl fmt::Display for HostType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostType::Int => f.write_str("int"),
            HostType::Float => f.write_str("float"),
            HostType::Bool => f.write_str("bool"),
            HostType::Str => f.write_str("str"),
            HostType::Unit => f.write_str("nothing"),
            HostType::List(inner) => write!(f, "list[{inner}]"),
            HostType::Map(inner) => write!(f, "map[str, {inner}]"),
            HostType::Option(inner) => write!(f, "option[{inner}]"),
            HostType::Any => f.write_str("any (a `Value`)"),
        }
    }
}

/// A Rust type a host closure can take or return.
pub trait ScriptType: Sized {
    /// The script type it is.
    fn host_type() -> HostType;
    /// From a plain value of that type (`None` for another type, which binding rules out).
    fn from_value(value: Value) -> Option<Self>;
    /// Into a plain value.
    fn into_value(self) -> Value;
}

macro_rules! scalar {
    ($rust:ty, $host:ident, $variant:ident) => {
        impl ScriptType for $rust {
            fn host_type() -> HostType {
                HostType::$host
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn into_value(self) -> Value {
                Value::$variant(self)
            }
        }
    };
}

scalar!(i64, Int, Int);
scalar!(f64, Float, Float);
scalar!(bool, Bool, Bool);
scalar!(String, Str, Str);

impl ScriptType for () {
    fn host_type() -> HostType {
        HostType::Unit
    }
    fn from_value(value: Value) -> Option<Self> {
        matches!(value, Value::Unit).then_some(())
    }
    fn into_value(self) -> Value {
        Value::Unit
    }
}

impl ScriptType for Value {
    fn host_type() -> HostType {
        HostType::Any
    }
    fn from_value(value: Value) -> Option<Self> {
        Some(value)
    }
    fn into_value(self) -> Value {
        self
    }
}

impl<T: ScriptType> ScriptType for Vec<T> {
    fn host_type() -> HostType {
        HostType::List(Box::new(T::host_type()))
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::List(elements) => elements.into_iter().map(T::from_value).collect(),
            _ => None,
        }
    }
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(T::into_value).collect())
    }
}

impl<T: ScriptType> ScriptType for BTreeMap<String, T> {
    fn host_type() -> HostType {
        HostType::Map(Box::new(T::host_type()))
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Map(entries) => entries
                .into_iter()
                .map(|(key, value)| T::from_value(value).map(|value| (key, value)))
                .collect(),
            _ => None,
        }
    }
    fn into_value(self) -> Value {
        Value::Map(
            self.into_iter()
                .map(|(key, value)| (key, value.into_value()))
                .collect(),
        )
    }
}

impl<T: ScriptType> ScriptType for Option<T> {
    fn host_type() -> HostType {
        HostType::Option(Box::new(T::host_type()))
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Option(None) => Some(None),
            Value::Option(Some(inner)) => T::from_value(*inner).map(Some),
            _ => None,
        }
    }
    fn into_value(self) -> Value {
        Value::Option(self.map(|inner| Box::new(inner.into_value())))
    }
}

type Body = dyn Fn(Vec<Value>) -> Option<Value> + Send + Sync;

/// A host closure with its types, ready to bind.
#[derive(Clone)]
pub struct HostFunction {
    pub(crate) params: Vec<HostType>,
    pub(crate) ret: HostType,
    body: Arc<Body>,
}

impl HostFunction {
    pub(crate) fn arity(&self) -> usize {
        self.params.len()
    }

    /// Runs it; `None` when an argument or the result is not of its type.
    pub(crate) fn call(&self, args: &[Value]) -> Option<Value> {
        (self.body)(args.to_vec())
    }
}

impl fmt::Debug for HostFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<String> = self.params.iter().map(ToString::to_string).collect();
        write!(f, "fn({}) -> {}", params.join(", "), self.ret)
    }
}

/// A closure that can be a host function: any `Fn` of up to six [`ScriptType`]
/// parameters returning a [`ScriptType`].
pub trait IntoHostFunction<Marker>: Send + Sync + 'static {
    /// With its types.
    fn into_host_function(self) -> HostFunction;
}

macro_rules! host_arity {
    ($($arg:ident),*) => {
        impl<F, R, $($arg,)*> IntoHostFunction<fn($($arg,)*) -> R> for F
        where
            F: Fn($($arg,)*) -> R + Send + Sync + 'static,
            R: ScriptType,
            $($arg: ScriptType,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn into_host_function(self) -> HostFunction {
                HostFunction {
                    params: vec![$($arg::host_type(),)*],
                    ret: R::host_type(),
                    body: Arc::new(move |args: Vec<Value>| {
                        let mut args = args.into_iter();
                        $( let $arg = $arg::from_value(args.next()?)?; )*
                        Some(self($($arg,)*).into_value())
                    }),
                }
            }
        }
    };
}

/// A host function already made (by [`IntoHostFunction::into_host_function`]).
impl IntoHostFunction<HostFunction> for HostFunction {
    fn into_host_function(self) -> HostFunction {
        self
    }
}

host_arity!();
host_arity!(A);
host_arity!(A, B);
host_arity!(A, B, C);
host_arity!(A, B, C, D);
host_arity!(A, B, C, D, E);
host_arity!(A, B, C, D, E, G);

/// The host functions an embedder provides, by name: bound to a program by
/// [`Program::instance`](crate::bytecode::Program::instance), which checks each against the
/// program's `host { .. }` declarations.
///
/// ```
/// use modsmith_script::vm::Host;
///
/// let host = Host::new()
///     .function("now", || 1_700_000_000_i64)
///     .function("log", |message: String| eprintln!("{message}"));
/// ```
#[derive(Clone, Debug, Default)]
#[must_use = "a host does nothing until a program is bound to it"]
pub struct Host {
    pub(crate) functions: Vec<(String, HostFunction)>,
}

impl Host {
    /// No functions.
    pub fn new() -> Host {
        Host::default()
    }

    /// Provides the host function `name`.
    pub fn function<M>(
        mut self,
        name: impl Into<String>,
        function: impl IntoHostFunction<M>,
    ) -> Host {
        self.functions
            .push((name.into(), function.into_host_function()));
        self
    }
}
