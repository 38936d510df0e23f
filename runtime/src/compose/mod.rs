//! What `compose!` gives a composed module: [`Member`]s that say where each name comes
//! from, and the `DynModule` of a composition of `#[export_module]` modules.
//!
//! The names are resolved at compile time by the same planner as
//! [`DynModule::compose`](crate::dynamic::DynModule::compose) uses at run time
//! (`modsmith_rules::compose`), so the two read the same rules the same way.

use std::fmt;

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

/// What `compose!` expansions name besides [`Member`] and [`Kind`]. Not public API.
#[doc(hidden)]
pub mod support;
