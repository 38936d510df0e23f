//! [`Model`]: a struct read, changed and built by field name.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::error::{SetError, ValuesError};
use super::shape::{FieldShape, Shape};
use crate::dynamic::Value;

/// A model's fields as values, by name: the map a [`Value::Map`] holds, so a model crosses
/// into a `DynModule` call, a script or serde as one value.
pub type Values = BTreeMap<Arc<str>, Value>;

/// A struct whose fields can be read, changed and listed by name, and which can be built from
/// a map of [`Value`]s: what `#[derive(modsmith::Model)]` implements.
///
/// Implemented by hand, it takes its [`SHAPE`](Model::SHAPE), `get`, `set` and
/// `from_values`; [`to_values`](Model::to_values) and [`field_values`](Model::field_values)
/// are provided:
///
/// ```
/// use modsmith_runtime::dynamic::{FromValue, Value};
/// use modsmith_runtime::model::{FieldProblem, FieldShape, Model, SetError, Shape, Values, ValuesError};
///
/// struct Point { x: i64 }
///
/// impl Model for Point {
///     const SHAPE: Shape = Shape::new("Point", &[FieldShape::new("x", "i64", "")], &[]);
///
///     fn get(&self, field: &str) -> Option<Value> {
///         (field == "x").then(|| Value::Int(self.x))
///     }
///
///     fn set(&mut self, field: &str, value: Value) -> Result<(), SetError> {
///         match field {
///             "x" => self.x = i64::from_value(&value).map_err(|error| SetError::WrongType {
///                 model: "Point",
///                 field: "x",
///                 expected: "i64",
///                 error,
///             })?,
///             _ => return Err(SetError::UnknownField { model: "Point", field: field.into(), suggestion: None }),
///         }
///         Ok(())
///     }
///
///     fn from_values(values: &Values) -> Result<Self, ValuesError> {
///         let problem = match values.get("x").map(i64::from_value) {
///             Some(Ok(x)) => return Ok(Point { x }),
///             Some(Err(error)) => FieldProblem::WrongType { field: "x", expected: "i64", error },
///             None => FieldProblem::Missing { field: "x", expected: "i64" },
///         };
///         Err(ValuesError::new("Point", vec![problem]))
///     }
/// }
///
/// let mut point = Point { x: 1 };
/// point.set("x", Value::Int(2))?;
/// assert_eq!(point.get("x"), Some(Value::Int(2)));
/// assert_eq!(point.to_values().get("x"), Some(&Value::Int(2)));
/// # Ok::<(), SetError>(())
/// ```
pub trait Model: Sized + 'static {
    /// What the model is: its type name, fields and metadata.
    const SHAPE: Shape;

    /// The value of `field`; `None` when the model has no field of that name, or when its
    /// value does not fit a [`Value`] (an integer above `i64::MAX`).
    fn get(&self, field: &str) -> Option<Value>;

    /// A reference to `field` itself, without a conversion (downcast it to the field's
    /// type): the borrowed counterpart of [`get`](Model::get), as cheap as a `match`.
    /// `None` when the model has no field of that name; by default `None` for every name
    /// (the derive implements it).
    ///
    /// ```
    /// # use modsmith_runtime::model::Model;
    /// # fn read(user: &impl Model) -> Option<&String> {
    /// user.field_ref("name")?.downcast_ref::<String>()
    /// # }
    /// ```
    fn field_ref(&self, field: &str) -> Option<&dyn Any> {
        let _ = field;
        None
    }

    /// Sets `field` to `value`, running that field's validators and the model's own check;
    /// on any error the field keeps its old value.
    ///
    /// # Errors
    ///
    /// [`SetError`]: no such field (with the closest name), a value of the wrong type, or a
    /// value the validators refuse.
    fn set(&mut self, field: &str, value: Value) -> Result<(), SetError>;

    /// Builds the model from values by field name; fields with a default may be left out.
    ///
    /// # Errors
    ///
    /// [`ValuesError`], with every missing, unknown and wrongly typed field at once, or
    /// the validators' errors.
    fn from_values(values: &Values) -> Result<Self, ValuesError>;

    /// Runs after every construction of the model that succeeded: `from_values`, and with
    /// `#[derive(Data)]` also `new`, the builder's `build` and `#[data(deserialize)]`'s
    /// `Deserialize`. What `#[model(on_create = path)]` calls; by default nothing.
    fn on_create(&self) {}

    /// Runs after a successful change of `field` (by [`set`](Model::set), or with
    /// `#[derive(Data)]` a `set_*` or `with_*` method), with its old and new values. What
    /// `#[model(on_change = path)]` calls; by default nothing. A change whose old or new value
    /// does not fit a [`Value`] (a `u64` above `i64::MAX`) runs nothing, as `get` gives
    /// nothing for it.
    fn on_change(&self, field: &str, old: &Value, new: &Value) {
        let _ = (field, old, new);
    }

    /// Every field's value, by name.
    fn to_values(&self) -> Values {
        // The work is in a function compiled once, in this crate: the default method is
        // compiled again for every model that uses it (the registry's `DynModel` does), and
        // a `collect` into a map written here would be too.
        values_of(Self::SHAPE.fields(), &|field| self.get(field))
    }

    /// Each field, in declaration order, with its value.
    fn field_values(&self) -> FieldValues<'_, Self> {
        FieldValues {
            model: self,
            fields: Self::SHAPE.fields().iter(),
        }
    }
}

/// The fields of a model with their values: what [`Model::field_values`] returns.
pub struct FieldValues<'a, M> {
    model: &'a M,
    fields: std::slice::Iter<'static, FieldShape>,
}

impl<M: Model> Iterator for FieldValues<'_, M> {
    type Item = (&'static FieldShape, Value);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let field = self.fields.next()?;
            if let Some(value) = self.model.get(field.name()) {
                return Some((field, value));
            }
        }
    }
}

/// The values of `fields`, each read with `get`: the body of [`Model::to_values`].
fn values_of(fields: &[FieldShape], get: &dyn Fn(&str) -> Option<Value>) -> Values {
    let mut values = Values::new();
    for field in fields {
        if let Some(value) = get(field.name()) {
            values.insert(Arc::from(field.name()), value);
        }
    }
    values
}
