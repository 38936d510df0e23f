//! [`DynModule`]: a module of functions, constants and submodules, built while the program
//! runs and called by name.

use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::error::{CallError, CallErrorKind};
use super::function::{Function, Signature};
use super::value::Value;
use crate::suggest::closest;

/// One member of a [`DynModule`].
#[derive(Clone, Debug)]
pub enum Member {
    /// A function.
    Function(Function),
    /// A constant.
    Constant(Value),
    /// A nested module.
    Module(DynModule),
}

impl Member {
    /// `function`, `constant` or `module`.
    pub fn kind(&self) -> &'static str {
        match self {
            Member::Function(_) => "function",
            Member::Constant(_) => "constant",
            Member::Module(_) => "module",
        }
    }
}

/// A module made while the program runs: a name, a doc, and named functions, constants and
/// submodules, in the order they were added. Functions are called by name with a slice of
/// [`Value`]s, or through a [`Function`] handle that skips the look-up.
///
/// Cheap to clone (one reference count) and `Send + Sync`: share it between threads freely.
/// Made by [`ModuleBuilder`](super::ModuleBuilder), by [`DynModule::compose`], or by
/// [`DynModule::wrap`] from another.
///
/// ```
/// use modsmith_runtime::dynamic::{ModuleBuilder, Value};
///
/// let math = ModuleBuilder::new("math")
///     .constant("PI", 3.14159)
///     .function("add", |a: i64, b: i64| a + b)
///     .build()?;
/// assert_eq!(math.call("add", &[1.into(), 2.into()])?, Value::Int(3));
///
/// let add = math.function("add")?; // no look-up on each call
/// assert_eq!(add.call(&[40.into(), 2.into()])?, Value::Int(42));
///
/// let error = math.call("ad", &[]).unwrap_err();
/// assert_eq!(error.to_string(), "module `math` has no member `ad`; did you mean `add`?");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct DynModule(Arc<ModuleData>);

struct ModuleData {
    name: Arc<str>,
    doc: Arc<str>,
    /// In the order they were added.
    members: Vec<(Arc<str>, Member)>,
    /// Name → position in `members`. FxHash rather than std's SipHash: the names come from
    /// the program, not from an attacker, and hashing a short name with FxHash takes a few
    /// instructions.
    index: FxHashMap<Arc<str>, usize>,
}

impl DynModule {
    /// A module from its parts; the names are checked by the caller (the builder, a
    /// composition).
    pub(crate) fn from_parts(
        name: Arc<str>,
        doc: Arc<str>,
        members: Vec<(Arc<str>, Member)>,
    ) -> Self {
        let index = members
            .iter()
            .enumerate()
            .map(|(position, (name, _))| (Arc::clone(name), position))
            .collect();
        DynModule(Arc::new(ModuleData {
            name,
            doc,
            members,
            index,
        }))
    }

    /// The module's name.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    pub(crate) fn name_arc(&self) -> &Arc<str> {
        &self.0.name
    }

    /// The module's doc; empty when it has none.
    pub fn doc(&self) -> &str {
        &self.0.doc
    }

    /// The members' names, in the order they were added.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.0.members.iter().map(|(name, _)| &**name)
    }

    /// The members with their names, in the order they were added.
    pub fn members(&self) -> impl ExactSizeIterator<Item = (&str, &Member)> + '_ {
        self.0
            .members
            .iter()
            .map(|(name, member)| (&**name, member))
    }

    pub(crate) fn member_entries(&self) -> &[(Arc<str>, Member)] {
        &self.0.members
    }

    /// The member `name`; a path such as `"trig::sin"` reaches into submodules.
    pub fn get(&self, name: &str) -> Option<&Member> {
        if let Some(&position) = self.0.index.get(name) {
            return self.0.members.get(position).map(|(_, member)| member);
        }
        let (module, rest) = name.split_once("::")?;
        match self.get(module)? {
            Member::Module(submodule) => submodule.get(rest),
            _ => None,
        }
    }

    /// The function `name` (a path reaches into submodules), as a handle for repeated calls.
    ///
    /// # Errors
    ///
    /// [`CallErrorKind::UnknownName`] (with the closest name) or
    /// [`CallErrorKind::NotAFunction`].
    pub fn function(&self, name: &str) -> Result<Function, CallError> {
        self.resolve(name).cloned()
    }

    /// Calls the function `name` (a path reaches into submodules) with `args`.
    ///
    /// # Errors
    ///
    /// See [`DynModule::function`] and [`Function::call`].
    pub fn call(&self, name: &str, args: &[Value]) -> Result<Value, CallError> {
        self.resolve(name)?.call(args)
    }

    /// The signature of the function `name`: parameter names and types as written, return
    /// type and doc.
    pub fn signature(&self, name: &str) -> Option<&Signature> {
        match self.get(name)? {
            Member::Function(function) => Some(function.signature()),
            _ => None,
        }
    }

    /// The constant `name`.
    pub fn constant(&self, name: &str) -> Option<&Value> {
        match self.get(name)? {
            Member::Constant(value) => Some(value),
            _ => None,
        }
    }

    fn resolve(&self, name: &str) -> Result<&Function, CallError> {
        match self.get(name) {
            Some(Member::Function(function)) => Ok(function),
            Some(other) => Err(self.not_a_function(name, other)),
            None => Err(self.unknown(name)),
        }
    }

    #[cold]
    #[inline(never)]
    fn not_a_function(&self, name: &str, member: &Member) -> CallError {
        CallErrorKind::NotAFunction {
            name: format!("{}::{name}", self.0.name),
            kind: member.kind(),
        }
        .into()
    }

    /// The error for a name this module (or the submodule a path reaches) does not have.
    #[cold]
    #[inline(never)]
    fn unknown(&self, name: &str) -> CallError {
        if let Some((module, rest)) = name.split_once("::")
            && let Some(Member::Module(submodule)) = self.get(module)
        {
            return submodule.unknown(rest);
        }
        CallErrorKind::UnknownName {
            module: self.0.name.to_string(),
            name: name.to_owned(),
            suggestion: closest(name, self.names()).map(str::to_owned),
        }
        .into()
    }
}

impl fmt::Debug for DynModule {
    /// `DynModule math { fn add(a: i64, b: i64) -> i64, const PI = 3.14159, mod trig }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Entry<'a>(&'a str, &'a Member);
        impl fmt::Debug for Entry<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.1 {
                    Member::Function(function) => write!(f, "fn {}", function.signature()),
                    Member::Constant(value) => write!(f, "const {} = {value:?}", self.0),
                    Member::Module(module) => write!(f, "mod {}", module.name()),
                }
            }
        }
        write!(f, "DynModule {} ", self.0.name)?;
        f.debug_set()
            .entries(
                self.0
                    .members
                    .iter()
                    .map(|(name, member)| Entry(name, member)),
            )
            .finish()
    }
}
