//! Models: structs read, changed, listed and built by field name at run time, through
//! [`Value`](crate::dynamic::Value)s: what a Python metaclass gives its classes, as the
//! runtime half of `#[derive(Model)]`.
//!
//! - [`Shape`]: what a model is, as a constant: its type name, its fields (name, type as
//!   written, doc) and its metadata.
//! - [`Model`]: `get`, `field_ref` and `set` by name, [`Model::from_values`] (which reports
//!   every missing, unknown and wrongly typed field at once), [`Model::to_values`] and
//!   [`Model::field_values`]; the `on_create` and `on_change` hooks.
//! - [`DynModel`]: any model behind a pointer, as the [registry](crate::registry) builds
//!   them, with a downcast to the concrete type.
//! - Errors that say what to do: [`SetError`], [`ValuesError`] with its [`FieldProblem`]s.

mod dyn_model;
mod error;
#[allow(
    clippy::module_inception,
    reason = "the trait's own file, named after it"
)]
mod model;
mod shape;
pub(crate) mod support;

pub use dyn_model::DynModel;
pub use error::{FieldProblem, SetError, ValuesError};
pub use model::{FieldValues, Model, Values};
pub use shape::{FieldShape, Shape};
