//! What `#[export_module]` expansions call: the module as static data ([`Exports`]), typed
//! groups shared by every function of one signature, and the module's lazily built
//! [`DynModule`].

use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

use super::convert::{FromValue, IntoValue, ValueError};
use super::error::BuildError;
use super::function::{
    Callable, Fault, Function, FunctionGroup, IntoCallResult, Parameter, Signature,
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
            // `lend` follows its `read` once: the groups below call them in pairs.
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

/// An exported module, as static data: what the expansion of `#[export_module]` writes, in
/// one `static`, so that a member costs its crate no code of its own. Functions are grouped
/// by signature: each group is one array of `fn` pointers behind one adapter, compiled once.
pub struct Exports {
    /// The module's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Its members in order, each with what the source says of it, in one or more pieces
    /// (each member is whole in one piece; a member under `#[cfg]` has a piece of its own,
    /// under the same predicates): a sequence of fields, each written `<length>:<text>` (the
    /// length in bytes, in decimal), so that any text (a doc with any character in it) reads
    /// back as written. A member is
    ///
    /// - a function: `f`, its name, its group's index in [`Exports::groups`], its doc, its
    ///   return type as written, the number of parameters, then each parameter's name and
    ///   type as written. Its index in the group is the number of functions of that group
    ///   before it;
    /// - a constant: `c`, its name (its value is the next of [`Exports::constants`]);
    /// - a module: `m`, its name (the next of [`Exports::modules`]).
    pub manifest: &'static [&'static str],
    /// The functions, one group per distinct signature (and `#[cfg]`); a group configured
    /// out leaves a [`NoGroup`] in its place.
    pub groups: &'static [&'static dyn FunctionGroup],
    /// How to read each constant's value, in the manifest's order of constants.
    pub constants: &'static [fn() -> Result<Value, ValueError>],
    /// Each nested exported module's `module()`, in the manifest's order of modules.
    pub modules: &'static [fn() -> &'static DynModule],
}

/// A constant's value, for [`Exports::constants`].
pub fn constant<T: IntoValue>(value: T) -> Result<Value, ValueError> {
    value.into_value()
}

/// Reads [`Exports::manifest`], field by field. The expansion writes the manifest, so one
/// that does not read is a bug of modsmith's; it is reported as a [`BuildError`], never a
/// panic.
struct Manifest {
    rest: &'static str,
}

impl Manifest {
    fn field(&mut self) -> Option<&'static str> {
        let (length, rest) = self.rest.split_once(':')?;
        let length: usize = length.parse().ok()?;
        let text = rest.get(..length)?;
        self.rest = rest.get(length..)?;
        Some(text)
    }

    fn number(&mut self) -> Option<usize> {
        self.field()?.parse().ok()
    }
}

/// The module, from its exports; names were checked when the attribute expanded, so the
/// only problem a correct expansion can meet is a constant whose value does not convert.
///
/// # Errors
///
/// Each such constant (and a manifest that does not read, which would be a bug).
pub fn build(exports: &'static Exports) -> Result<DynModule, BuildError> {
    let mut problems = Vec::new();
    let members = match read_members(exports, &mut problems) {
        Some(members) => members,
        None => {
            problems.push(
                "its member list, written by `#[export_module]`, does not read: please report \
                 this as a bug of modsmith"
                    .to_owned(),
            );
            Vec::new()
        }
    };
    if problems.is_empty() {
        Ok(DynModule::from_parts(
            Arc::from(exports.name),
            Arc::from(exports.doc),
            members,
        ))
    } else {
        Err(BuildError::new(exports.name.to_owned(), problems))
    }
}

/// The members the manifest lists; `None` when it does not read, or names a group, function,
/// constant or module the exports do not have.
fn read_members(
    exports: &'static Exports,
    problems: &mut Vec<String>,
) -> Option<Vec<(Arc<str>, Member)>> {
    let module_name: Arc<str> = Arc::from(exports.name);
    let mut members: Vec<(Arc<str>, Member)> = Vec::new();
    // Functions of each group seen so far: the next one's index in its group.
    let mut group_counts = vec![0_usize; exports.groups.len()];
    let (mut constants, mut modules) = (exports.constants.iter(), exports.modules.iter());
    for piece in exports.manifest {
        let mut manifest = Manifest { rest: piece };
        while !manifest.rest.is_empty() {
            let kind = manifest.field()?;
            let name = manifest.field()?;
            match kind {
                "f" => {
                    let group_index = manifest.number()?;
                    let (doc, ret) = (manifest.field()?, manifest.field()?);
                    let count = manifest.number()?;
                    let mut params = Vec::with_capacity(count.min(8));
                    for _ in 0..count {
                        params.push(Parameter::new(manifest.field()?, manifest.field()?));
                    }
                    let group = *exports.groups.get(group_index)?;
                    let index = group_counts.get_mut(group_index)?;
                    if *index >= group.count() || count != group.arity() {
                        return None;
                    }
                    let body = Callable::Grouped {
                        group,
                        index: *index,
                    };
                    *index += 1;
                    let signature = Signature::new(name, params, ret, doc);
                    let function = Function::new(Arc::clone(&module_name), signature, body);
                    members.push((Arc::from(name), Member::Function(function)));
                }
                "c" => match constants.next()?() {
                    Ok(value) => members.push((Arc::from(name), Member::Constant(value))),
                    Err(error) => {
                        problems.push(format!("constant `{name}` is not a value: {error}"));
                    }
                },
                "m" => {
                    let module = modules.next()?();
                    members.push((Arc::from(name), Member::Module(module.clone())));
                }
                _ => return None,
            }
        }
    }
    // The attribute refuses two members of one name that could both be compiled; two here
    // would be a bug, and the second would hide the first.
    let mut names: Vec<&str> = members.iter().map(|(name, _)| &**name).collect();
    names.sort_unstable();
    if names.windows(2).any(|pair| pair[0] == pair[1]) {
        return None;
    }
    Some(members)
}

/// Where an exported module keeps its [`DynModule`], built on first use.
pub struct ModuleCell(OnceLock<Result<DynModule, BuildError>>);

impl ModuleCell {
    /// Empty; the module is built by the first [`ModuleCell::get`].
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        ModuleCell(OnceLock::new())
    }

    /// The module, built from `exports` the first time.
    ///
    /// # Errors
    ///
    /// When a constant's value does not convert into a `Value`.
    pub fn try_get(
        &'static self,
        exports: &'static Exports,
    ) -> Result<&'static DynModule, &'static BuildError> {
        self.0.get_or_init(|| build(exports)).as_ref()
    }

    /// The module, built from `exports` the first time.
    ///
    /// # Panics
    ///
    /// When a constant's value does not convert into a `Value` (a `u64` above `i64::MAX`
    /// from a type's own `IntoValue`): the module cannot be built, and the message says which
    /// constant. [`ModuleCell::try_get`] returns it as an error instead.
    pub fn get(&'static self, exports: &'static Exports) -> &'static DynModule {
        match self.try_get(exports) {
            Ok(module) => module,
            Err(error) => panic!("{error}"),
        }
    }
}

/// Groups: a struct per arity holding the `fn` pointers of one signature, whose
/// [`FunctionGroup`] impl reads the arguments, calls the function and converts the result.
/// Compiled once per signature (parameter kinds and return type), whatever the number of
/// functions sharing it.
macro_rules! groups {
    ($( $group:ident ($($arg:ident $held:ident $lt:lifetime $index:tt),*) )*) => {$(
        /// The functions of one signature of this arity.
        pub struct $group<$($arg: Arg,)* R: 'static>(
            pub &'static [for<$($lt),*> fn($($arg::Of<$lt>),*) -> R],
        );

        impl<$($arg: Arg,)* R: IntoCallResult + 'static> FunctionGroup for $group<$($arg,)* R> {
            fn call(&self, index: usize, args: &[Value]) -> Result<Value, Fault> {
                let Some(function) = self.0.get(index) else {
                    return Err(missing_function(index));
                };
                let [$($held,)*] = args else {
                    return Err(Fault::arity(args.len()));
                };
                // `match`, not `map_err`: a closure per argument would be one more function
                // for every user crate to compile, per signature.
                $(
                    let mut $held = match $arg::read($held) {
                        Ok(held) => held,
                        Err(error) => return Err(Fault::argument($index, error)),
                    };
                )*
                function($($arg::lend(&mut $held)),*).into_call_result()
            }

            fn count(&self) -> usize {
                self.0.len()
            }

            fn arity(&self) -> usize {
                <[usize]>::len(&[$($index),*])
            }
        }
    )*};
}

/// What a group of functions configured out (`#[cfg]`) leaves in [`Exports::groups`]: no
/// functions, so that the positions of the groups after it stay the same.
pub struct NoGroup;

impl FunctionGroup for NoGroup {
    fn call(&self, index: usize, _: &[Value]) -> Result<Value, Fault> {
        Err(missing_function(index))
    }

    fn count(&self) -> usize {
        0
    }

    fn arity(&self) -> usize {
        0
    }
}

/// A group asked for a function it does not have: `build` checks the indices, so this is
/// never reached; a fault rather than a panic all the same.
#[cold]
#[inline(never)]
fn missing_function(index: usize) -> Fault {
    Fault::failed(format!(
        "an exported module's function #{index} is missing from its group (a bug of modsmith)"
    ))
}

groups! {
    Group0()
    Group1(A1 a1 'a1 0)
    Group2(A1 a1 'a1 0, A2 a2 'a2 1)
    Group3(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2)
    Group4(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3)
    Group5(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4)
    Group6(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5)
    Group7(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5, A7 a7 'a7 6)
    Group8(A1 a1 'a1 0, A2 a2 'a2 1, A3 a3 'a3 2, A4 a4 'a4 3, A5 a5 'a5 4, A6 a6 'a6 5, A7 a7 'a7 6, A8 a8 'a8 7)
}
