//! What `script!(.., bytecode = true)` generates its `module()` with: the native functions
//! as a `DynModule` whose signatures and values are those of the same program in the VM
//! ([`Program::into_module`](crate::Program::into_module)). Not for use by hand.

use std::borrow::Cow;

use modsmith_runtime::dynamic::{Fault, FromValue, IntoValue, Parameter, Signature, Value};

use crate::error::ScriptError;

/// A signature in the script's types.
pub fn signature(
    name: &'static str,
    params: &[(&'static str, &'static str)],
    ret: &'static str,
    doc: &'static str,
) -> Signature {
    Signature::new(
        name,
        params
            .iter()
            .map(|(name, ty)| Parameter::new(*name, Cow::Borrowed(*ty)))
            .collect(),
        ret,
        doc,
    )
}

/// The call has the function's number of arguments.
///
/// # Errors
///
/// The arity fault otherwise.
#[inline]
pub fn arity(args: &[Value], expected: usize) -> Result<(), Fault> {
    if args.len() == expected {
        Ok(())
    } else {
        Err(Fault::arity(args.len()))
    }
}

/// Argument `index`, converted.
///
/// # Errors
///
/// The argument fault when it does not convert.
#[inline]
pub fn arg<T: for<'a> FromValue<'a>>(args: &[Value], index: usize) -> Result<T, Fault> {
    match args.get(index) {
        Some(value) => T::from_value(value).map_err(|error| Fault::argument(index, error)),
        None => Err(Fault::arity(args.len())),
    }
}

/// A result that cannot fail, as a value.
///
/// # Errors
///
/// When it does not convert (never for a script's types).
#[inline]
pub fn returned<T: IntoValue>(value: T) -> Result<Value, Fault> {
    value.into_value().map_err(Fault::returned)
}

/// A result that can fail: the script's error as the call error's source, as the VM's.
///
/// # Errors
///
/// The script's run-time error.
#[inline]
pub fn fallible<T: IntoValue>(result: Result<T, ScriptError>) -> Result<Value, Fault> {
    match result {
        Ok(value) => returned(value),
        Err(error) => Err(Fault::error(error)),
    }
}
