//! What `compose!` expansions name: the `DynModule` of a composition, and the probe that
//! tells a source without `#[composable]`.

use std::sync::{Arc, OnceLock};

use crate::dynamic::DynModule;

/// The `DynModule` of a composition whose sources are all `DynModule`s, built on first use
/// from the members `compose!` took.
pub struct Composed {
    name: &'static str,
    sources: &'static [fn() -> &'static DynModule],
    /// (source, name there, name here).
    picks: &'static [(usize, &'static str, &'static str)],
    module: OnceLock<DynModule>,
}

impl Composed {
    pub const fn new(
        name: &'static str,
        sources: &'static [fn() -> &'static DynModule],
        picks: &'static [(usize, &'static str, &'static str)],
    ) -> Self {
        Composed {
            name,
            sources,
            picks,
            module: OnceLock::new(),
        }
    }

    /// The module. A pick a source's `DynModule` does not hold (a type, which is not
    /// exported) is not in it.
    pub fn get(&self) -> &DynModule {
        self.module.get_or_init(|| {
            let members = self
                .picks
                .iter()
                .filter_map(|&(source, original, name)| {
                    let module = self.sources.get(source)?();
                    crate::dynamic::compose::taken(module, original, Arc::from(name))
                })
                .collect();
            DynModule::from_parts(Arc::from(self.name), Arc::from(""), members)
        })
    }
}

/// A module `compose!` can read: one with what `#[composable]` adds.
#[diagnostic::on_unimplemented(
    message = "this source of `compose!` is not `#[composable]`",
    label = "add `#[composable]` to this module",
    note = "`compose!` reads a module's members through what `#[composable]` adds to it"
)]
pub trait Composable {}

#[diagnostic::do_not_recommend]
impl Composable for () {}

/// What `compose!`'s probe finds where a source has no `#[composable]` marker.
pub struct NotComposable;

/// Compiles only for a `#[composable]` module's marker.
pub const fn assert_composable<T: Composable>() {}
