//! What `#[export_module]` expansions call: typed adapters shared by every function of one
//! signature, and the module's lazily built [`DynModule`].

use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

use super::convert::{FromValue, IntoValue, ValueError};
use super::error::BuildError;
use super::function::{
    Callable, Fault, Function, IntoCallResult, Parameter, Signature, StaticBody,
};
use super::module::{DynModule, Member};
use super::value::Value;

/// How a parameter is read from its argument: `Held` is what reading produces (owned, or
/// borrowed from the argument), `Of<'a>` what the function receives.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a parameter type an exported function can take",
    note = "take the value by value (`String` rather than `&String`), or leave the function out with `#[export(skip)]`"
)]
pub trait Arg: 'static {
    /// What reading the argument produces.
    type Held<'v>;
    /// What the function receives.
    type Of<'a>;
    /// Reads the argument.
    fn read(value: &Value) -> Result<Self::Held<'_>, ValueError>;
    /// Lends what was read to the function; called once per `read`.
    fn lend<'a, 'v: 'a>(held: &'a mut Self::Held<'v>) -> Self::Of<'a>;
}

/// A parameter taken by value: anything that reads from a `Value` for every lifetime. The
/// bound is on the struct, so that a type without the conversion is reported where the
/// expansion writes `Owned<T>`: at the parameter's type.
pub struct Owned<T: for<'a> FromValue<'a>>(PhantomData<fn() -> T>);

impl<T: for<'a> FromValue<'a> + 'static> Arg for Owned<T> {
    type Held<'v> = Option<T>;
    type Of<'a> = T;

    fn read(value: &Value) -> Result<Option<T>, ValueError> {
        T::from_value(value).map(Some)
    }

    fn lend<'a, 'v: 'a>(held: &'a mut Option<T>) -> T {
        match held.take() {
            Some(value) => value,
            // `lend` follows its `read` once: the adapters below call them in pairs.
            None => unreachable!("an argument was lent twice"),
        }
    }
}

/// A parameter borrowed from its argument: `&str`, `&[u8]`, `&[Value]`, `&Value`.
pub struct Borrowed<T: ?Sized>(PhantomData<fn() -> *const T>);

macro_rules! borrowed {
    ($($ty:ty),*) => {$(
        impl Arg for Borrowed<$ty> {
            type Held<'v> = &'v $ty;
            type Of<'a> = &'a $ty;

            fn read(value: &Value) -> Result<&$ty, ValueError> {
                <&$ty as FromValue>::from_value(value)
            }

            fn lend<'a, 'v: 'a>(held: &'a mut &'v $ty) -> &'a $ty {
                held
            }
        }
    )*};
}

borrowed!(str, [u8], [Value], Value);

/// A slice parameter other than `&[u8]` and `&[Value]`: the list is converted into a
/// `Vec<T>` (which allocates), and the function borrows it.
pub struct Converted<T: for<'a> FromValue<'a>>(PhantomData<fn() -> T>);

/// A function's return type, named where the function declares it: the bound reports a type
/// without the conversion there.
pub struct Returns<R: IntoCallResult>(PhantomData<fn() -> R>);

impl<T: for<'a> FromValue<'a> + 'static> Arg for Converted<T> {
    type Held<'v> = Vec<T>;
    type Of<'a> = &'a [T];

    fn read(value: &Value) -> Result<Vec<T>, ValueError> {
        <Vec<T> as FromValue>::from_value(value)
    }

    fn lend<'a, 'v: 'a>(held: &'a mut Vec<T>) -> &'a [T] {
        held
    }
}

/// What the source says of an exported function: its name, doc, parameters and return type
/// as written.
pub struct FnInfo {
    /// Its name in the module.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Its parameters' names and types as written.
    pub params: &'static [(&'static str, &'static str)],
    /// Its return type as written; `()` without one.
    pub ret: &'static str,
}

/// One member of an exported module, as static data: the expansion writes the module's
/// members as one `static` array, so that a member costs its crate no code of its own
/// (only each distinct signature's adapter is compiled).
pub enum Entry {
    /// A function and its adapter, which holds the function's pointer.
    Function(&'static FnInfo, &'static dyn StaticBody),
    /// A constant: its name, and how to read its value.
    Constant(&'static str, fn() -> Result<Value, ValueError>),
    /// A nested exported module: its name, and its `module()`.
    Module(&'static str, fn() -> &'static DynModule),
}

/// A constant's value, for [`Entry::Constant`].
pub fn constant<T: IntoValue>(value: T) -> Result<Value, ValueError> {
    value.into_value()
}

/// The module, from its entries; names were checked when the attribute expanded, so the
/// only possible problem is a constant whose value does not convert.
///
/// # Errors
///
/// Each such constant.
pub fn build(
    name: &'static str,
    doc: &'static str,
    entries: &'static [Entry],
) -> Result<DynModule, BuildError> {
    let module_name: Arc<str> = Arc::from(name);
    let mut problems = Vec::new();
    let mut members = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Entry::Function(info, body) => {
                let params = info
                    .params
                    .iter()
                    .map(|(param, ty)| Parameter::new(*param, *ty))
                    .collect();
                let signature = Signature::new(info.name, params, info.ret, info.doc);
                let function =
                    Function::new(Arc::clone(&module_name), signature, Callable::Static(*body));
                members.push((Arc::from(info.name), Member::Function(function)));
            }
            Entry::Constant(name, value) => match value() {
                Ok(value) => members.push((Arc::from(*name), Member::Constant(value))),
                Err(error) => problems.push(format!("constant `{name}` is not a value: {error}")),
            },
            Entry::Module(name, module) => {
                members.push((Arc::from(*name), Member::Module(module().clone())));
            }
        }
    }
    if problems.is_empty() {
        Ok(DynModule::from_parts(module_name, Arc::from(doc), members))
    } else {
        Err(BuildError::new(name.to_owned(), problems))
    }
}

/// Where an exported module keeps its [`DynModule`], built on first use.
pub struct ModuleCell(OnceLock<Result<DynModule, BuildError>>);

impl ModuleCell {
    /// Empty; the module is built by the first [`ModuleCell::get`].
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        ModuleCell(OnceLock::new())
    }

    /// The module, built by `init` the first time.
    pub fn try_get(
        &'static self,
        init: fn() -> Result<DynModule, BuildError>,
    ) -> Result<&'static DynModule, &'static BuildError> {
        self.0.get_or_init(init).as_ref()
    }

    /// The module, built by `init` the first time.
    ///
    /// # Panics
    ///
    /// When a constant's value does not convert into a `Value` (a `u64` above `i64::MAX`
    /// from a type's own `IntoValue`): the module cannot be built, and the message says which
    /// constant. `try_module()` returns it as an error instead.
    pub fn get(&'static self, init: fn() -> Result<DynModule, BuildError>) -> &'static DynModule {
        match self.try_get(init) {
            Ok(module) => module,
            Err(error) => panic!("{error}"),
        }
    }
}

/// Adapters: a struct per arity holding the function's pointer, whose `Call` impl reads the
/// arguments, calls it and converts the result. Compiled once per signature (parameter
/// kinds and return type), whatever the number of functions sharing it.
macro_rules! adapters {
    ($( $adapter:ident ($($arg:ident $held:ident $lt:lifetime $index:tt),*) )*) => {$(
        /// The adapter of functions of this arity.
        pub struct $adapter<$($arg: Arg,)* R> {
            /// The exported function.
            pub function: for<$($lt),*> fn($($arg::Of<$lt>),*) -> R,
        }

        impl<$($arg: Arg,)* R: IntoCallResult + 'static> StaticBody for $adapter<$($arg,)* R> {
            fn call(&self, args: &[Value]) -> Result<Value, Fault> {
                let [$($held,)*] = args else {
                    return Err(Fault::Arity { got: args.len() });
                };
                // `match`, not `map_err`: a closure per argument would be one more function
                // for every user crate to compile, per signature.
                $(
                    let mut $held = match $arg::read($held) {
                        Ok(held) => held,
                        Err(error) => return Err(Fault::Argument { index: $index, error }),
                    };
                )*
                (self.function)($($arg::lend(&mut $held)),*).into_call_result()
            }
        }
    )*};
}

adapters! {
    Adapt0()
    Adapt1(A1 a1 'a1 0)
    Adapt2(A1 a1 'a1 0, A2 a2 'a2 1)
    Adapt3(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2)
    Adapt4(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3)
    Adapt5(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4)
    Adapt6(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5)
    Adapt7(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5, A7 a7 'a7 6)
    Adapt8(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5, A7 a7 'a7 6, A8 a8 'a8 7)
}
