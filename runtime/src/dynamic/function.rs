//! Functions of a [`DynModule`](super::DynModule): [`Function`] handles, their
//! [`Signature`]s, and [`IntoFunction`], which turns closures and `fn`s into them.

use std::borrow::Cow;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use super::convert::{FromValue, IntoValue, ValueError};
use super::error::{CallError, CallErrorKind};
use super::value::Value;

/// What went wrong inside a call, before the names of the module and function are known:
/// [`Function::call`] turns it into a [`CallError`] that has them. What a body given to
/// [`ModuleBuilder::function_values`](super::ModuleBuilder::function_values) returns.
///
/// Boxed, so that `Result<Value, Fault>` is the size of a [`Value`] (the error takes a niche
/// of its tag) and has the layout of `Result<Value, CallError>`: a call that succeeds hands
/// its value through without a copy into a wider result.
#[derive(Debug)]
pub struct Fault(Box<FaultKind>);

/// The kinds of [`Fault`].
#[derive(Debug)]
enum FaultKind {
    /// The call had `got` arguments.
    Arity { got: usize },
    /// Argument `index` did not convert.
    Argument { index: usize, error: ValueError },
    /// The function returned an error; its message.
    Failed(String),
    /// The function returned a typed error, kept as the call error's source.
    Error(Arc<dyn std::error::Error + Send + Sync>),
    /// The returned value did not convert.
    Return(ValueError),
    /// A whole error, from a middleware or a nested call.
    Call(CallError),
}

impl Fault {
    /// The call had `got` arguments.
    #[cold]
    #[inline(never)]
    pub fn arity(got: usize) -> Fault {
        Fault(Box::new(FaultKind::Arity { got }))
    }

    /// Argument `index` (from 0) did not convert.
    #[cold]
    #[inline(never)]
    pub fn argument(index: usize, error: ValueError) -> Fault {
        Fault(Box::new(FaultKind::Argument { index, error }))
    }

    /// The function returned an error with this message.
    #[cold]
    #[inline(never)]
    pub fn failed(message: String) -> Fault {
        Fault(Box::new(FaultKind::Failed(message)))
    }

    /// The function failed with a typed error: the call error's message is its message,
    /// and its [`source`](std::error::Error::source) is the error, to downcast.
    #[cold]
    #[inline(never)]
    pub fn error(error: impl std::error::Error + Send + Sync + 'static) -> Fault {
        Fault(Box::new(FaultKind::Error(Arc::new(error))))
    }

    /// The returned value did not convert.
    #[cold]
    #[inline(never)]
    pub fn returned(error: ValueError) -> Fault {
        Fault(Box::new(FaultKind::Return(error)))
    }

    /// A whole error, from a middleware or a nested call.
    #[cold]
    #[inline(never)]
    pub fn call(error: CallError) -> Fault {
        Fault(Box::new(FaultKind::Call(error)))
    }
}

/// The type-erased body of a function: arguments in, value or fault out.
pub(crate) type Body = dyn Fn(&[Value]) -> Result<Value, Fault> + Send + Sync;

/// The functions of one signature, as static data: what `#[export_module]` writes, one
/// array of `fn` pointers per distinct signature, so that a function costs its crate no code
/// of its own, only its pointer.
#[doc(hidden)]
pub trait FunctionGroup: Send + Sync {
    /// Runs function `index` of the group with `args`.
    fn call(&self, index: usize, args: &[Value]) -> Result<Value, Fault>;

    /// How many functions the group has.
    fn count(&self) -> usize;

    /// How many parameters each of its functions takes.
    fn arity(&self) -> usize;
}

/// Where a function's body is: a closure (the builder, middleware) or a function of a group
/// (an exported module).
#[derive(Clone)]
pub(crate) enum Callable {
    Shared(Arc<Body>),
    Grouped {
        group: &'static dyn FunctionGroup,
        index: usize,
    },
}

impl Callable {
    #[inline]
    fn run(&self, args: &[Value]) -> Result<Value, Fault> {
        match self {
            Callable::Shared(body) => body(args),
            Callable::Grouped { group, index } => group.call(*index, args),
        }
    }
}

impl From<Arc<Body>> for Callable {
    fn from(body: Arc<Body>) -> Self {
        Callable::Shared(body)
    }
}

/// A function's parameter: its name and its type as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    name: Cow<'static, str>,
    ty: Cow<'static, str>,
}

impl Parameter {
    /// A parameter `name: ty`.
    pub fn new(name: impl Into<Cow<'static, str>>, ty: impl Into<Cow<'static, str>>) -> Self {
        Parameter {
            name: name.into(),
            ty: ty.into(),
        }
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its type as written (`i64`, `&str`, `Vec<String>`).
    pub fn ty(&self) -> &str {
        &self.ty
    }
}

/// A function's parameters, return type and doc, for reading and for messages. Displays as
/// `add(a: i64, b: i64) -> i64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    name: Cow<'static, str>,
    params: Vec<Parameter>,
    ret: Cow<'static, str>,
    doc: Cow<'static, str>,
}

impl Signature {
    /// A signature: the function's name, parameters, return type (`()` for none) and doc.
    pub fn new(
        name: impl Into<Cow<'static, str>>,
        params: Vec<Parameter>,
        ret: impl Into<Cow<'static, str>>,
        doc: impl Into<Cow<'static, str>>,
    ) -> Self {
        Signature {
            name: name.into(),
            params,
            ret: ret.into(),
            doc: doc.into(),
        }
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its parameters, in order.
    pub fn params(&self) -> &[Parameter] {
        &self.params
    }

    /// Its return type as written; `()` when it returns nothing.
    pub fn ret(&self) -> &str {
        &self.ret
    }

    /// Its doc comment; empty when it has none.
    pub fn doc(&self) -> &str {
        &self.doc
    }

    pub(crate) fn renamed(&self, name: Arc<str>) -> Signature {
        Signature {
            name: Cow::Owned(name.to_string()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name)?;
        for (index, param) in self.params.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}: {}", param.name, param.ty)?;
        }
        f.write_str(")")?;
        if self.ret != "()" {
            write!(f, " -> {}", self.ret)?;
        }
        Ok(())
    }
}

/// A function of a [`DynModule`](super::DynModule), ready to call: what
/// [`DynModule::function`](super::DynModule::function) returns, so that repeated calls skip
/// the look-up by name. Cheap to clone.
#[derive(Clone)]
pub struct Function(Arc<FunctionData>);

struct FunctionData {
    /// The module that defined it, for messages (`math` in `math::add`).
    module: Arc<str>,
    signature: Signature,
    body: Callable,
}

impl Function {
    pub(crate) fn new(
        module: Arc<str>,
        signature: Signature,
        body: impl Into<Callable>,
    ) -> Function {
        Function(Arc::new(FunctionData {
            module,
            signature,
            body: body.into(),
        }))
    }

    /// Calls the function with `args`.
    ///
    /// # Errors
    ///
    /// A [`CallError`] when the number of arguments is wrong, an argument has the wrong type,
    /// the function returns an error, its result does not convert, or it panics (the panic
    /// is caught; the function and its module stay usable).
    #[inline]
    pub fn call(&self, args: &[Value]) -> Result<Value, CallError> {
        let data = &*self.0;
        match catch_unwind(AssertUnwindSafe(|| data.body.run(args))) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(fault)) => Err(self.error(fault, args)),
            Err(panic) => Err(self.panicked(&*panic)),
        }
    }

    /// Out of line: the path of a call that succeeds carries none of the formatting.
    #[cold]
    #[inline(never)]
    fn panicked(&self, panic: &(dyn std::any::Any + Send)) -> CallError {
        CallErrorKind::Panicked {
            function: self.qualified_name(),
            message: panic_message(panic),
        }
        .into()
    }

    /// The function's name in its module.
    pub fn name(&self) -> &str {
        self.0.signature.name()
    }

    /// `module::name`.
    pub fn qualified_name(&self) -> String {
        format!("{}::{}", self.0.module, self.0.signature.name())
    }

    /// Its parameters, return type and doc.
    pub fn signature(&self) -> &Signature {
        &self.0.signature
    }

    pub(crate) fn module_name(&self) -> &Arc<str> {
        &self.0.module
    }

    /// The same function under another name (renamed by a composition).
    pub(crate) fn renamed(&self, name: Arc<str>) -> Function {
        Function::new(
            Arc::clone(&self.0.module),
            self.0.signature.renamed(name),
            self.0.body.clone(),
        )
    }

    #[cold]
    #[inline(never)]
    fn error(&self, fault: Fault, args: &[Value]) -> CallError {
        let function = self.qualified_name();
        let signature = &self.0.signature;
        match *fault.0 {
            FaultKind::Arity { got } => CallErrorKind::Arity {
                function,
                expected: signature.params().len(),
                got,
                signature: signature.to_string(),
            },
            FaultKind::Argument { index, error } => CallErrorKind::ArgumentType {
                function,
                index,
                parameter: signature.params().get(index).map_or_else(
                    || format!("#{}", index + 1),
                    |param| param.name().to_owned(),
                ),
                expected: signature.params().get(index).map_or_else(
                    || error.expected_type().to_owned(),
                    |param| param.ty().to_owned(),
                ),
                got: args.get(index).map_or("nothing", Value::kind).to_owned(),
                error,
            },
            FaultKind::Failed(message) => CallErrorKind::Failed { function, message },
            FaultKind::Error(error) => {
                let kind = CallErrorKind::Failed {
                    function,
                    message: error.to_string(),
                };
                return CallError::with_source(kind, error);
            }
            FaultKind::Return(error) => CallErrorKind::Return { function, error },
            FaultKind::Call(error) => return error,
        }
        .into()
    }
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fn {}", self.0.signature)
    }
}

/// The text of a caught panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// A function's return value, turned into the result of a call: any [`IntoValue`], or a
/// `Result` of one whose error is `Display` (its message becomes
/// [`CallErrorKind::Failed`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned as a `Value`",
    label = "this return type has no conversion into `Value`",
    note = "return a type with `modsmith::dynamic::IntoValue` (`i64`, `f64`, `bool`, `String`, `Vec<T>`, `Option<T>`, maps, tuples, `Value`), or `Result<T, E>` of one with `E: Display`"
)]
pub trait IntoCallResult {
    /// The value, or the fault.
    #[doc(hidden)]
    fn into_call_result(self) -> Result<Value, Fault>;

    /// The return type as signatures show it.
    fn type_name() -> Cow<'static, str>;
}

impl<T: IntoValue> IntoCallResult for T {
    #[inline]
    fn into_call_result(self) -> Result<Value, Fault> {
        self.into_value().map_err(Fault::returned)
    }

    fn type_name() -> Cow<'static, str> {
        short_type_name(std::any::type_name::<T>()).into()
    }
}

impl<T: IntoValue, E: fmt::Display> IntoCallResult for Result<T, E> {
    #[inline]
    fn into_call_result(self) -> Result<Value, Fault> {
        match self {
            Ok(value) => value.into_value().map_err(Fault::returned),
            Err(error) => Err(Fault::failed(error.to_string())),
        }
    }

    fn type_name() -> Cow<'static, str> {
        let ok = short_type_name(std::any::type_name::<T>());
        let error = short_type_name(std::any::type_name::<E>());
        format!("Result<{ok}, {error}>").into()
    }
}

/// `alloc::string::String` → `String`, `alloc::vec::Vec<i64>` → `Vec<i64>`: the last
/// segment of each path, as the type would be written.
pub(crate) fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment_start = 0;
    let bytes = full.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b':' && bytes.get(index + 1) == Some(&b':') {
            out.truncate(segment_start);
            index += 2;
            continue;
        }
        out.push(byte as char);
        if !(byte.is_ascii_alphanumeric() || byte == b'_') {
            segment_start = out.len();
        }
        index += 1;
    }
    out
}

/// A closure or `fn` that can be a function of a [`DynModule`](super::DynModule): up to 8
/// parameters whose types implement [`FromValue`] for every lifetime (owned types:
/// `i64`, `String`, `Vec<T>`, [`Value`], ...), returning an [`IntoCallResult`].
///
/// `Marker` tells the arities apart; it is inferred.
pub trait IntoFunction<Marker>: Send + Sync + 'static {
    /// The signature (parameters named `arg1`, `arg2`, ... unless given) and the body.
    #[doc(hidden)]
    fn into_parts(self) -> (Vec<Parameter>, Cow<'static, str>, Arc<Body>);
}

macro_rules! closures {
    ($( ($($arg:ident $value:ident $index:tt),*) )*) => {$(
        impl<F, R, $($arg,)*> IntoFunction<fn($($arg,)*) -> R> for F
        where
            F: Fn($($arg),*) -> R + Send + Sync + 'static,
            R: IntoCallResult,
            $($arg: for<'a> FromValue<'a>,)*
        {
            fn into_parts(self) -> (Vec<Parameter>, Cow<'static, str>, Arc<Body>) {
                let params = vec![
                    $(Parameter::new(format!("arg{}", $index + 1), $arg::type_name()),)*
                ];
                let body = move |args: &[Value]| -> Result<Value, Fault> {
                    let [$($value,)*] = args else {
                        return Err(Fault::arity(args.len()));
                    };
                    $(
                        let $value = $arg::from_value($value)
                            .map_err(|error| Fault::argument($index, error))?;
                    )*
                    (self)($($value),*).into_call_result()
                };
                (params, R::type_name(), Arc::new(body))
            }
        }
    )*};
}

closures! {
    ()
    (A1 a1 0)
    (A1 a1 0, A2 a2 1)
    (A1 a1 0, A2 a2 1, A3 a3 2)
    (A1 a1 0, A2 a2 1, A3 a3 2, A4 a4 3)
    (A1 a1 0, A2 a2 1, A3 a3 2, A4 a4 3, A5 a5 4)
    (A1 a1 0, A2 a2 1, A3 a3 2, A4 a4 3, A5 a5 4, A6 a6 5)
    (A1 a1 0, A2 a2 1, A3 a3 2, A4 a4 3, A5 a5 4, A6 a6 5, A7 a7 6)
    (A1 a1 0, A2 a2 1, A3 a3 2, A4 a4 3, A5 a5 4, A6 a6 5, A7 a7 6, A8 a8 7)
}
