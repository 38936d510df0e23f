//! [`DynModel`]: any model behind a pointer, as the registry creates them.

use std::any::Any;

use super::error::SetError;
use super::model::{Model, Values};
use super::shape::Shape;
use crate::dynamic::Value;

/// A [`Model`] whose type is known only at run time: what
/// [`RegisteredModel::create`](crate::registry::RegisteredModel::create) returns. Every
/// model is one (a blanket impl); `downcast` (on `dyn DynModel`) gives the concrete type
/// back.
///
/// ```
/// use modsmith_runtime::dynamic::Value;
/// use modsmith_runtime::model::{DynModel, FieldShape, Model, SetError, Shape, Values, ValuesError};
///
/// struct Point { x: i64 }
/// # impl Model for Point {
/// #     const SHAPE: Shape = Shape::new("Point", &[FieldShape::new("x", "i64", "")], &[]);
/// #     fn get(&self, field: &str) -> Option<Value> { (field == "x").then(|| Value::Int(self.x)) }
/// #     fn set(&mut self, _: &str, _: Value) -> Result<(), SetError> { unimplemented!() }
/// #     fn from_values(_: &Values) -> Result<Self, ValuesError> { unimplemented!() }
/// # }
///
/// let model: Box<dyn DynModel> = Box::new(Point { x: 3 });
/// assert_eq!(model.shape().name(), "Point");
/// assert_eq!(model.get("x"), Some(Value::Int(3)));
/// let point: Box<Point> = model.downcast().expect("a Point");
/// assert_eq!(point.x, 3);
/// ```
pub trait DynModel: Any {
    // The methods have names of their own, so that they never compete with `Model`'s when
    // both traits are in scope; `dyn DynModel` has them under the usual names (below).
    #[doc(hidden)]
    fn dyn_shape(&self) -> &'static Shape;

    #[doc(hidden)]
    fn dyn_get(&self, field: &str) -> Option<Value>;

    #[doc(hidden)]
    fn dyn_set(&mut self, field: &str, value: Value) -> Result<(), SetError>;

    #[doc(hidden)]
    fn dyn_to_values(&self) -> Values;

    #[doc(hidden)]
    fn as_any(&self) -> &dyn Any;

    #[doc(hidden)]
    fn as_any_mut(&mut self) -> &mut dyn Any;

    #[doc(hidden)]
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<M: Model> DynModel for M {
    fn dyn_shape(&self) -> &'static Shape {
        &M::SHAPE
    }

    fn dyn_get(&self, field: &str) -> Option<Value> {
        self.get(field)
    }

    fn dyn_set(&mut self, field: &str, value: Value) -> Result<(), SetError> {
        self.set(field, value)
    }

    fn dyn_to_values(&self) -> Values {
        self.to_values()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

impl dyn DynModel {
    /// The model's [`Shape`].
    pub fn shape(&self) -> &'static Shape {
        self.dyn_shape()
    }

    /// See [`Model::get`].
    pub fn get(&self, field: &str) -> Option<Value> {
        self.dyn_get(field)
    }

    /// See [`Model::set`].
    ///
    /// # Errors
    ///
    /// See [`Model::set`].
    pub fn set(&mut self, field: &str, value: Value) -> Result<(), SetError> {
        self.dyn_set(field, value)
    }

    /// See [`Model::to_values`].
    pub fn to_values(&self) -> Values {
        self.dyn_to_values()
    }

    /// The model as a `T`.
    ///
    /// # Errors
    ///
    /// The model as [`Any`], when it is not a `T` (as [`Box<dyn Any>::downcast`] does).
    pub fn downcast<T: Model>(self: Box<Self>) -> Result<Box<T>, Box<dyn Any>> {
        self.into_any().downcast()
    }

    /// A reference to the model as a `T`, when it is one.
    pub fn downcast_ref<T: Model>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }

    /// A mutable reference to the model as a `T`, when it is one.
    pub fn downcast_mut<T: Model>(&mut self) -> Option<&mut T> {
        self.as_any_mut().downcast_mut()
    }
}

impl std::fmt::Debug for dyn DynModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // In declaration order, as a derived `Debug` shows a struct.
        let mut out = f.debug_struct(self.shape().name());
        for field in self.shape().fields() {
            if let Some(value) = self.get(field.name()) {
                out.field(field.name(), &value);
            }
        }
        out.finish()
    }
}
