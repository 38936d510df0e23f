//! A slot filled from a [`DynModule`](crate::dynamic::DynModule) function: the signature
//! checked once, when it is installed, and each call's arguments converted into `Value`s and
//! its result back.
//!
//! The handle's `replace_dynamic` names the conversions in its `where` clause through
//! [`Through`], whose lifetime is the method's own: a bound that names a parameter of the
//! method is checked where the method is called, not where it is defined, so a slot whose
//! types do not convert still compiles, and only a call of `replace_dynamic` is refused, with
//! the conversion that is missing.

use std::fmt;
use std::marker::PhantomData;

use crate::dynamic::{CallError, CallErrorKind, FromValue, Function, IntoValue, Value, ValueError};

/// The conversions of a slot's arguments and result, as bounds of `replace_dynamic`.
#[doc(hidden)]
pub struct Through<'g>(PhantomData<&'g ()>);

/// An argument passed by value: `T: IntoValue`.
#[doc(hidden)]
pub trait Argument<T> {
    /// The argument as a `Value`.
    fn value(argument: T) -> Result<Value, ValueError>;
}

impl<T: IntoValue> Argument<T> for Through<'_> {
    fn value(argument: T) -> Result<Value, ValueError> {
        argument.into_value()
    }
}

/// An argument passed by reference, `&T` (or `&mut T`, read through a shared reborrow):
/// `T: IntoValue + Clone`, converted from the reference with [`IntoValue::to_value`], which
/// clones by default.
#[doc(hidden)]
pub trait ArgumentRef<R> {
    /// The argument as a `Value`.
    fn value(argument: R) -> Result<Value, ValueError>;
}

impl<'r, T: IntoValue + Clone> ArgumentRef<&'r T> for Through<'_> {
    fn value(argument: &'r T) -> Result<Value, ValueError> {
        argument.to_value()
    }
}

/// The result of a slot filled from a `DynModule` function.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "a slot filled from a `DynModule` function must return `Result<T, E>` with `E: From<CallError>`; it returns `{R}`",
    label = "a call by name can fail, and this return type has no place for the error",
    note = "return `Result<T, E>` where `T` has `FromValue` and `E` has `impl From<modsmith::dynamic::CallError>`; other slots are replaced with Rust closures (`replace`)"
)]
pub trait Returned<R> {
    /// The call's result as `R`.
    fn returned(function: &Function, result: Result<Value, CallError>) -> R;
}

impl<T, E> Returned<Result<T, E>> for Through<'_>
where
    T: for<'v> FromValue<'v>,
    E: From<CallError>,
{
    fn returned(function: &Function, result: Result<Value, CallError>) -> Result<T, E> {
        let value = result.map_err(E::from)?;
        T::from_value(&value).map_err(|error| {
            E::from(CallError::from(CallErrorKind::Return {
                function: function.qualified_name(),
                error,
            }))
        })
    }
}

/// Calls `function` with the converted arguments; an argument that did not convert is the
/// call's error.
#[doc(hidden)]
pub fn call<const N: usize>(
    function: &Function,
    arguments: [Result<Value, ValueError>; N],
) -> Result<Value, CallError> {
    let mut values = Vec::with_capacity(N);
    for (index, argument) in arguments.into_iter().enumerate() {
        match argument {
            Ok(value) => values.push(value),
            Err(error) => return Err(argument_error(function, index, error)),
        }
    }
    function.call(&values)
}

#[cold]
fn argument_error(function: &Function, index: usize, error: ValueError) -> CallError {
    let parameter = function.signature().params().get(index);
    CallErrorKind::ArgumentType {
        function: function.qualified_name(),
        index,
        parameter: parameter.map_or_else(|| format!("#{}", index + 1), |p| p.name().to_owned()),
        expected: parameter.map_or_else(|| error.expected_type().to_owned(), |p| p.ty().to_owned()),
        got: error.found().to_owned(),
        error,
    }
    .into()
}

/// A slot's signature, as `replace_dynamic` checks a function against it.
#[doc(hidden)]
pub struct SlotShape {
    /// `module::function`.
    pub slot: &'static str,
    /// The slot's signature as written.
    pub signature: &'static str,
    /// The parameters' types as written.
    pub params: &'static [&'static str],
    /// `T` of the slot's `Result<T, E>`, as written.
    pub ok: &'static str,
}

/// Checks `function` against the slot: the same number of parameters, and no parameter or
/// result of another kind of value (an integer for a string) where both types are known.
#[doc(hidden)]
pub fn check(function: &Function, shape: &SlotShape) -> Result<(), FillError> {
    let signature = function.signature();
    let mut problems = Vec::new();
    if signature.params().len() != shape.params.len() {
        problems.push(format!(
            "it takes {} argument(s), the slot passes {}",
            signature.params().len(),
            shape.params.len()
        ));
    } else {
        for (index, (param, ours)) in signature.params().iter().zip(shape.params).enumerate() {
            if let (Some(theirs), Some(mine)) = (kind_of(param.ty()), kind_of(ours))
                && theirs != mine
            {
                problems.push(format!(
                    "argument {} is `{}: {}` ({theirs}), the slot passes `{ours}` ({mine})",
                    index + 1,
                    param.name(),
                    param.ty()
                ));
            }
        }
    }
    if let (Some(theirs), Some(mine)) = (kind_of(signature.ret()), kind_of(shape.ok))
        && theirs != mine
    {
        problems.push(format!(
            "it returns `{}` ({theirs}), the slot reads `{}` ({mine})",
            signature.ret(),
            shape.ok
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(FillError {
            slot: shape.slot,
            slot_signature: shape.signature,
            function: function.qualified_name(),
            function_signature: signature.to_string(),
            problems,
        })
    }
}

/// The kinds of `Value` a slot's types are checked by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Integer,
    Float,
    Bool,
    String,
    Unit,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Integer => "an integer",
            Kind::Float => "a float",
            Kind::Bool => "a bool",
            Kind::String => "a string",
            Kind::Unit => "unit",
        })
    }
}

/// The kind of `Value` a type as written converts from and to, for the types whose kind is
/// certain; `None` for the others, which are then not checked.
fn kind_of(ty: &str) -> Option<Kind> {
    let ty = ty.trim().trim_start_matches('&').trim_start();
    let ty = ty.strip_prefix("mut ").unwrap_or(ty).trim();
    Some(match ty {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" => Kind::Integer,
        "f32" | "f64" => Kind::Float,
        "bool" => Kind::Bool,
        "str" | "String" | "char" => Kind::String,
        "()" => Kind::Unit,
        _ => return None,
    })
}

/// A `DynModule` function that does not fit the slot it was to fill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FillError {
    slot: &'static str,
    slot_signature: &'static str,
    function: String,
    function_signature: String,
    problems: Vec<String>,
}

impl FillError {
    /// The slot, as `module::function`.
    pub fn slot(&self) -> &'static str {
        self.slot
    }

    /// The `DynModule` function, as `module::function`.
    pub fn function(&self) -> &str {
        &self.function
    }

    /// Every mismatch found.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for FillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` cannot fill the slot `{}`: {}; the slot is `{}`, the function is `{}`",
            self.function,
            self.slot,
            self.problems.join("; "),
            self.slot_signature,
            self.function_signature
        )
    }
}

impl std::error::Error for FillError {}
