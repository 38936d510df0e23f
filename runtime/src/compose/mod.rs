//! What `compose!` gives a composed module: [`Member`]s that say where each name comes
//! from, and the `DynModule` of a composition of `#[export_module]` modules.
//!
//! The names are resolved at compile time by the same planner as
//! [`DynModule::compose`](crate::dynamic::DynModule::compose) uses at run time
//! (`modsmith_rules::compose`), so the two read the same rules the same way.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::dynamic::DynModule;

/// One member of a composed module: its `MEMBERS` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Member {
    /// Its name in the composed module.
    pub name: &'static str,
    /// What it is.
    pub kind: Kind,
    /// The module it comes from, by path as written in `#[compose(..)]`, or the composed
    /// module's own name for its own items.
    pub source: &'static str,
    /// Its name there (differs from `name` when renamed).
    pub original: &'static str,
}

impl fmt::Display for Member {
    /// "`bill` (fn) from `billing` as `charge`".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({}) from `{}`", self.name, self.kind, self.source)?;
        if self.original != self.name {
            write!(f, " as `{}`", self.original)?;
        }
        Ok(())
    }
}

/// What a member is, as its item's keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `fn`.
    Fn,
    /// `struct`.
    Struct,
    /// `enum`.
    Enum,
    /// `union`.
    Union,
    /// `trait`.
    Trait,
    /// `type`.
    Type,
    /// `const`.
    Const,
    /// `static`.
    Static,
    /// `mod`.
    Mod,
    /// A `use` re-export, whose item the composition cannot see.
    Use,
}

impl Kind {
    /// The keyword: `fn`, `struct`, ..., `use`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Fn => "fn",
            Kind::Struct => "struct",
            Kind::Enum => "enum",
            Kind::Union => "union",
            Kind::Trait => "trait",
            Kind::Type => "type",
            Kind::Const => "const",
            Kind::Static => "static",
            Kind::Mod => "mod",
            Kind::Use => "use",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `DynModule` of a composition whose sources are all `DynModule`s, built on first use
/// from the members `compose!` took.
#[doc(hidden)]
pub struct Composed {
    name: &'static str,
    sources: &'static [fn() -> &'static DynModule],
    /// (source, name there, name here).
    picks: &'static [(usize, &'static str, &'static str)],
    module: OnceLock<DynModule>,
}

impl Composed {
    #[doc(hidden)]
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
    #[doc(hidden)]
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
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "this source of `compose!` is not `#[composable]`",
    label = "add `#[composable]` to this module",
    note = "`compose!` reads a module's members through what `#[composable]` adds to it"
)]
pub trait Composable {}

#[diagnostic::do_not_recommend]
impl Composable for () {}

/// What `compose!`'s probe finds where a source has no `#[composable]` marker.
#[doc(hidden)]
pub struct NotComposable;

/// Compiles only for a `#[composable]` module's marker.
#[doc(hidden)]
pub const fn assert_composable<T: Composable>() {}
