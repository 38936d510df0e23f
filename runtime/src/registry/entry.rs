//! The entries `#[derive(Model)]` registers: [`RegisteredModel`] and, for `kind = dyn Trait`,
//! [`KindEntry`]; and the link-time slices that hold them.

use std::any::{Any, TypeId};
use std::fmt;

use crate::model::{DynModel, Model, Shape, Values, ValuesError};

/// A model in the registry: its [`Shape`], where its type is defined, and a factory that
/// builds one from values.
pub struct RegisteredModel {
    shape: &'static Shape,
    type_path: &'static str,
    create: fn(&Values) -> Result<Box<dyn DynModel>, ValuesError>,
}

impl RegisteredModel {
    /// An entry, as `#[derive(Model)]` writes it: `type_path` is `module_path!()` and the
    /// type's name joined by `::`.
    #[doc(hidden)]
    pub const fn new(
        shape: &'static Shape,
        type_path: &'static str,
        create: fn(&Values) -> Result<Box<dyn DynModel>, ValuesError>,
    ) -> Self {
        RegisteredModel {
            shape,
            type_path,
            create,
        }
    }

    /// The name it is registered under: the type's name, or `#[model(name = "..")]`.
    pub fn name(&self) -> &'static str {
        self.shape.name()
    }

    /// The type's path, e.g. `my_app::users::User`: what tells two models of one name apart.
    pub fn type_path(&self) -> &'static str {
        self.type_path
    }

    /// Its fields and metadata.
    pub fn shape(&self) -> &'static Shape {
        self.shape
    }

    /// A new model from values by field name, as [`Model::from_values`] builds it (with
    /// `on_create` run).
    ///
    /// # Errors
    ///
    /// [`ValuesError`], with every missing, unknown and wrongly typed field at once.
    pub fn create(&self, values: &Values) -> Result<Box<dyn DynModel>, ValuesError> {
        (self.create)(values)
    }
}

impl fmt::Debug for RegisteredModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredModel")
            .field("name", &self.name())
            .field("type_path", &self.type_path)
            .field("shape", &self.shape)
            .finish()
    }
}

/// The factory of every [`RegisteredModel`] of type `M`: compiled once per model.
#[doc(hidden)]
pub fn create<M: Model>(values: &Values) -> Result<Box<dyn DynModel>, ValuesError> {
    match M::from_values(values) {
        Ok(model) => Ok(Box::new(model)),
        Err(error) => Err(error),
    }
}

/// A model registered under a kind (`#[model(kind = dyn Plugin)]`): the kind's `TypeId`
/// (of `dyn Plugin`) and a factory giving a `Box<dyn Plugin>`, boxed again as `dyn Any`.
#[doc(hidden)]
pub struct KindEntry {
    kind: fn() -> TypeId,
    model: &'static RegisteredModel,
    create: fn(&Values) -> Result<AnyKind, ValuesError>,
}

impl KindEntry {
    /// An entry, as `#[derive(Model)]` writes it.
    pub const fn new(
        kind: fn() -> TypeId,
        model: &'static RegisteredModel,
        create: fn(&Values) -> Result<AnyKind, ValuesError>,
    ) -> Self {
        KindEntry {
            kind,
            model,
            create,
        }
    }

    pub(crate) fn is_of(&self, kind: TypeId) -> bool {
        (self.kind)() == kind
    }

    pub(crate) fn model(&self) -> &'static RegisteredModel {
        self.model
    }

    pub(crate) fn create(&self, values: &Values) -> Result<AnyKind, ValuesError> {
        (self.create)(values)
    }
}

/// What the factory of a [`KindEntry`] returns: a `Box<K>` (sized whatever `K` is) boxed as
/// `dyn Any`, so that one entry type serves every kind.
#[doc(hidden)]
pub type AnyKind = Box<dyn Any>;

/// A model as its kind `K`: the argument is where `Box<Model>` coerces to `Box<K>`.
#[doc(hidden)]
pub fn as_kind<K: ?Sized + 'static>(model: Box<K>) -> AnyKind {
    Box::new(model)
}

/// `model` boxed, for [`as_kind`] (generated code names no `Box`).
#[doc(hidden)]
pub fn boxed<M>(model: M) -> Box<M> {
    Box::new(model)
}

// The slices every registered entry is linked into: sections of the executable, gathered by
// the linker, so that registering costs nothing at start-up. Where linkme has no sections
// (wasm and other targets it does not list), the slices are empty and the registering macro
// writes nothing; `registry::expect` says so.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "windows",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "illumos",
    target_os = "fuchsia",
))]
#[doc(hidden)]
pub mod slices {
    use super::{KindEntry, RegisteredModel};

    /// Every registered model.
    #[linkme::distributed_slice]
    pub static MODELS: [RegisteredModel];

    /// Every model registered under a kind.
    #[linkme::distributed_slice]
    pub static KINDS: [KindEntry];

    pub(crate) fn models() -> &'static [RegisteredModel] {
        &MODELS
    }

    pub(crate) fn kinds() -> &'static [KindEntry] {
        &KINDS
    }

    pub(crate) const SUPPORTED: bool = true;

    /// Registers a model, and under each kind given with the factory that gives it as that
    /// kind: what `#[derive(Model)]` writes. `$crate` paths, so that it works whatever the
    /// user named the facade.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __modsmith_register_model {
        ($model:ty $(, $kind:ty => $as_kind:path)*) => {
            #[$crate::__private::registry::linkme::distributed_slice($crate::__private::registry::MODELS)]
            #[linkme(crate = $crate::__private::registry::linkme)]
            static __MODSMITH_MODEL: $crate::__private::registry::RegisteredModel =
                $crate::__private::registry::RegisteredModel::new(
                    &<$model as $crate::__private::model::Model>::SHAPE,
                    ::core::concat!(::core::module_path!(), "::", ::core::stringify!($model)),
                    $crate::__private::registry::create::<$model>,
                );
            $(
                const _: () = {
                    #[$crate::__private::registry::linkme::distributed_slice($crate::__private::registry::KINDS)]
                    #[linkme(crate = $crate::__private::registry::linkme)]
                    static __MODSMITH_KIND: $crate::__private::registry::KindEntry =
                        $crate::__private::registry::KindEntry::new(
                            ::core::any::TypeId::of::<$kind>,
                            &__MODSMITH_MODEL,
                            $as_kind,
                        );
                };
            )*
        };
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "windows",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "illumos",
    target_os = "fuchsia",
)))]
#[doc(hidden)]
pub mod slices {
    use super::{KindEntry, RegisteredModel};

    pub(crate) fn models() -> &'static [RegisteredModel] {
        &[]
    }

    pub(crate) fn kinds() -> &'static [KindEntry] {
        &[]
    }

    pub(crate) const SUPPORTED: bool = false;

    /// Registers nothing: this target has no link sections for the registry.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __modsmith_register_model {
        ($($anything:tt)*) => {};
    }
}

pub(crate) use slices::{SUPPORTED, kinds, models};
