//! Modules made while the program runs: [`Value`], [`DynModule`], [`ModuleBuilder`].
//!
//! Python builds a module at run time with `types.ModuleType(name)`, sets attributes on it
//! and calls its functions by name with whatever arguments. Rust cannot invent machine code
//! while it runs, but it can build, inspect, call, compose and wrap modules of functions that
//! are compiled in: closures ([`ModuleBuilder`]) now, and Rust modules exported with an
//! attribute and modules compiled from a script as those arrive. All of them are the same
//! [`DynModule`], holding the same [`Value`]s.
//!
//! - [`Value`]: unit, bool, int, float, string, bytes, list, map, or an opaque handle to any
//!   Rust value; [`IntoValue`] and [`FromValue`] convert.
//! - [`DynModule`]: call by name or through a [`Function`] handle, read constants, list
//!   members and signatures.
//! - [`ModuleBuilder`]: a module from closures, constants and submodules, checked at once.
//! - [`DynModule::compose`] with a [`ConflictPolicy`], and [`DynModule::wrap`] with a
//!   middleware ([`DynModule::instrumented`] with feature `tracing`).
//!
//! Errors say what to do: [`CallError`] (unknown name with the closest one, wrong number or
//! type of arguments, the function's own error, a caught panic), [`BuildError`] and
//! [`ComposeError`] (every problem at once).

mod builder;
pub(crate) mod compose;
pub(crate) mod convert;
mod error;
#[doc(hidden)]
pub mod export;
mod function;
mod module;
#[cfg(feature = "serde")]
mod serde;
mod value;
mod wrap;

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use self::serde::SerdeError;
pub use builder::{FunctionInfo, ModuleBuilder};
pub use compose::{ConflictPolicy, Source, SourceRules};
pub use convert::{FromValue, IntoValue, ValueError};
pub use error::{BuildError, CallError, CallErrorKind, ComposeError};
pub use function::{Fault, Function, IntoCallResult, IntoFunction, Parameter, Signature};
pub use module::{DynModule, Member};
pub use value::{Opaque, Value};
pub use wrap::{Call, Next};

#[doc(hidden)]
pub use function::FunctionGroup;
