//! Kinds: the models registered under a trait with `#[model(kind = dyn Trait)]`, listed and
//! created as `Box<dyn Trait>` by name, as a plugin registry does.

use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;

use super::entry::{self, KindEntry, RegisteredModel};
use super::error::LookupError;
use crate::model::{Values, ValuesError};
use crate::suggest::closest;

/// The models registered under the kind `K` (a trait object type such as `dyn Plugin`):
/// what [`of`] returns.
///
/// `K` is the type exactly as written in `kind = ..`: a model registered as
/// `kind = dyn Plugin + Send` is of the kind `dyn Plugin + Send`, not of `dyn Plugin`.
pub struct Kind<K: ?Sized> {
    kind: PhantomData<fn() -> Box<K>>,
}

/// The models registered under the kind `K`, e.g. `registry::of::<dyn Plugin>()`.
///
/// ```
/// trait Plugin {}
///
/// # // No model is registered in this doc test.
/// let plugins = modsmith_runtime::registry::of::<dyn Plugin>();
/// assert_eq!(plugins.names().count(), 0);
/// ```
pub fn of<K: ?Sized + 'static>() -> Kind<K> {
    Kind { kind: PhantomData }
}

impl<K: ?Sized + 'static> Kind<K> {
    fn entries(&self) -> impl Iterator<Item = &'static KindEntry> + use<K> {
        let kind = TypeId::of::<K>();
        entry::kinds().iter().filter(move |entry| entry.is_of(kind))
    }

    /// The models of this kind, in no set order.
    pub fn models(&self) -> impl Iterator<Item = &'static RegisteredModel> + use<K> {
        // Once each: a model registered under two spellings of one kind (`dyn P` and
        // `dyn P + 'static` have one `TypeId`) has two entries.
        let mut seen: Vec<&'static RegisteredModel> = Vec::new();
        self.entries().map(KindEntry::model).filter(move |model| {
            let new = !seen.iter().any(|earlier| std::ptr::eq(*earlier, *model));
            if new {
                seen.push(model);
            }
            new
        })
    }

    /// Their names.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + use<K> {
        self.models().map(RegisteredModel::name)
    }

    /// A new `name` from values, as a `Box<K>`.
    ///
    /// # Errors
    ///
    /// [`KindError::Lookup`] when no model of this kind, or more than one, has that name;
    /// [`KindError::Values`] when the values do not build it.
    pub fn create(&self, name: &str, values: &Values) -> Result<Box<K>, KindError> {
        let mut found = self.entries().filter(|entry| entry.model().name() == name);
        let Some(entry) = found.next() else {
            return Err(self.lookup_error(name));
        };
        if found.any(|other| !std::ptr::eq(other.model(), entry.model())) {
            return Err(self.lookup_error(name));
        }
        let model = entry.create(values).map_err(KindError::Values)?;
        match model.downcast::<Box<K>>() {
            Ok(model) => Ok(*model),
            // The entry's `TypeId` is `K`'s and its factory gives a `Box<K>`: never reached,
            // and an error rather than a panic all the same.
            Err(_) => Err(self.lookup_error(name)),
        }
    }

    #[cold]
    fn lookup_error(&self, name: &str) -> KindError {
        let of_name: Vec<&'static RegisteredModel> =
            self.models().filter(|model| model.name() == name).collect();
        let error = if of_name.len() > 1 {
            LookupError::Ambiguous {
                name: name.to_owned(),
                type_paths: of_name.iter().map(|model| model.type_path()).collect(),
            }
        } else {
            LookupError::Unknown {
                name: name.to_owned(),
                suggestion: closest(name, self.names()),
            }
        };
        let mut available: Vec<&'static str> = self.names().collect();
        available.sort_unstable();
        KindError::Lookup {
            kind: std::any::type_name::<K>(),
            available,
            error,
        }
    }
}

impl<K: ?Sized + 'static> fmt::Debug for Kind<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kind")
            .field("kind", &std::any::type_name::<K>())
            .field("models", &self.names().collect::<Vec<_>>())
            .finish()
    }
}

/// Why [`Kind::create`] made nothing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KindError {
    /// No model of the kind has the name, or several do.
    Lookup {
        /// The kind, e.g. `dyn my_app::Plugin`.
        kind: &'static str,
        /// The names of the models of the kind, sorted.
        available: Vec<&'static str>,
        /// What the look-up found.
        error: LookupError,
    },
    /// The values do not build the model.
    Values(ValuesError),
}

impl fmt::Display for KindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KindError::Lookup {
                kind,
                available,
                error: LookupError::Unknown { name, suggestion },
            } => {
                write!(f, "no model of the kind `{kind}` is registered as `{name}`")?;
                if let Some(suggestion) = suggestion {
                    write!(f, "; did you mean `{suggestion}`?")?;
                } else if available.is_empty() {
                    write!(f, "; none is registered under `{kind}`")?;
                } else {
                    write!(
                        f,
                        "; the models of this kind are `{}`",
                        available.join("`, `")
                    )?;
                }
                Ok(())
            }
            KindError::Lookup { error, .. } => write!(f, "{error}"),
            KindError::Values(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for KindError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            KindError::Lookup { error, .. } => Some(error),
            KindError::Values(error) => Some(error),
        }
    }
}
