//! The registry of models: every type that derives `Model`, listed, found by name and built
//! from values while the program runs, and the models of a kind (a trait) created by name.
//!
//! It is what a metaclass keeps of each class it makes, and, for kinds
//! (`#[model(kind = dyn Plugin)]`), what a plugin registry keeps.
//!
//! - [`models`]: every registered model, in no set order.
//! - [`get`]: one by name, with its [`Shape`](crate::model::Shape) and a factory from values.
//! - [`expect`]: a check for start-up, which says which expected models are missing and why
//!   that happens, and which names two models share.
//! - [`of`]: the models of one kind, each created as a `Box<dyn Trait>`.
//!
//! # How models register, and when they do not
//!
//! Each derive places an entry in a section of the executable (with
//! [linkme](https://docs.rs/linkme)); the linker gathers them. Nothing runs before `main` and
//! reading the registry costs no start-up time; the index by name is built on first use.
//!
//! - **A crate the program never names is not linked**, and its models are not registered.
//!   A library whose models are only ever found through the registry needs a `use` in the
//!   binary: `use my_models as _;`.
//! - The linker keeps every entry of a linked crate: rustc marks them used, so linker garbage
//!   collection (`--gc-sections`, LTO) does not drop them.
//! - **wasm and other targets without link sections have no registry**: the derive
//!   registers nothing there, [`models`] is empty and [`expect`] says why. Platforms with
//!   one: Linux, Android, macOS, iOS, Windows, FreeBSD, OpenBSD, illumos, Fuchsia.
//! - Under `#![forbid(unsafe_code)]`, in edition 2021 and 2024, the derive compiles as is:
//!   the link-section attributes come from the runtime's macro, not the user's code.
//!
//! Two models may share a name (a `User` in two crates): [`models`] lists both, [`get`]
//! refuses the name with both type paths (as does [`of`]'s `create` when both are of that
//! kind), and [`expect`] reports it. Rename one with `#[model(name = "..")]`.
//!
//! The models the registry creates are `Box<dyn DynModel>` (and `Box<dyn Trait>` for a kind),
//! neither `Send` nor `Sync`: they stay on the thread that created them.

mod entry;
mod error;
mod index;
mod kind;

pub use entry::RegisteredModel;
#[doc(hidden)]
pub use entry::{AnyKind, KindEntry, as_kind, boxed, create, slices};
pub use error::{LookupError, RegistryError};
pub use kind::{Kind, KindError, of};

use crate::suggest::closest;

/// Every registered model, in no set order (the linker's).
///
/// ```
/// for model in modsmith_runtime::registry::models() {
///     println!("{} ({} fields)", model.name(), model.shape().fields().len());
/// }
/// ```
pub fn models() -> &'static [RegisteredModel] {
    entry::models()
}

/// The model registered under `name`.
///
/// # Errors
///
/// [`LookupError::Unknown`] (with the closest registered name) or
/// [`LookupError::Ambiguous`] when two models share the name.
pub fn get(name: &str) -> Result<&'static RegisteredModel, LookupError> {
    let index = index::index();
    match index.find(name) {
        [model] => Ok(model),
        [] => Err(LookupError::Unknown {
            name: name.to_owned(),
            suggestion: closest(name, index.names()),
        }),
        several => Err(LookupError::Ambiguous {
            name: name.to_owned(),
            type_paths: several.iter().map(|model| model.type_path()).collect(),
        }),
    }
}

/// Checks the registry at start-up: `Ok` when every name in `names` is registered once and
/// no two models share a name.
///
/// ```
/// # // No model is registered in this doc test.
/// let error = modsmith_runtime::registry::expect(["User"]).unwrap_err();
/// assert_eq!(error.missing(), ["User"]);
/// ```
///
/// # Errors
///
/// A [`RegistryError`] with every missing name (and why a model can be missing) and every
/// name two models share, with their type paths.
pub fn expect<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<(), RegistryError> {
    let index = index::index();
    let missing: Vec<(String, Option<&'static str>)> = names
        .into_iter()
        .filter(|name| index.find(name).is_empty())
        .map(|name| (name.to_owned(), closest(name, index.names())))
        .collect();
    let duplicates = index.duplicates();
    if missing.is_empty() && duplicates.is_empty() {
        Ok(())
    } else {
        Err(RegistryError::new(missing, duplicates, entry::SUPPORTED))
    }
}
