//! What `#[derive(Model)]` expansions call: reading each field from values with its problem
//! recorded, converting a value for `set`, and the errors. Generic over the field's type
//! only, so that each distinct field type is compiled once per crate, whatever the number of
//! models. Fields are named by their position in the model's [`Shape`].

use std::marker::PhantomData;

use super::error::{FieldProblem, SetError, ValuesError};
use super::model::{Model, Values};
use super::shape::{FieldShape, Shape};
use crate::dynamic::{FromValue, IntoValue, Value};
use crate::suggest::closest;
use crate::validation::ValidationErrors;

/// A field's type, named where the field declares it: the bound reports a type without the
/// conversions there.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a type a model field can have",
    note = "a model's fields convert to and from `Value`: implement `modsmith::dynamic::IntoValue` and `FromValue` for it (and `Clone`), or leave the field out with `#[model(skip)]`"
)]
pub trait FieldType {}

impl<T: IntoValue + for<'a> FromValue<'a> + Clone> FieldType for T {}

/// A field's type, named where the field declares it (see `FieldType`).
pub struct Field<T: FieldType>(PhantomData<fn() -> T>);

/// The value of a field, for `get`: `None` when it does not fit a `Value`.
pub fn get<T: IntoValue + Clone>(field: &T) -> Option<Value> {
    field.to_value().ok()
}

/// An empty list of problems.
pub fn problems() -> Vec<FieldProblem> {
    Vec::new()
}

/// Field `index` of `shape` read from `values`; a missing or wrongly typed value is recorded
/// in `problems` and gives `None`.
pub fn take<T: for<'a> FromValue<'a>>(
    values: &Values,
    shape: &'static Shape,
    index: usize,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    let field = shape.fields().get(index)?;
    match values.get(field.name()) {
        Some(value) => read(value, field, problems),
        None => {
            problems.push(FieldProblem::Missing {
                field: field.name(),
                expected: field.ty(),
            });
            None
        }
    }
}

/// The same for a field with a default: a missing value gives `default()`.
pub fn take_or_else<T: for<'a> FromValue<'a>>(
    values: &Values,
    shape: &'static Shape,
    index: usize,
    problems: &mut Vec<FieldProblem>,
    default: fn() -> T,
) -> Option<T> {
    let field = shape.fields().get(index)?;
    match values.get(field.name()) {
        Some(value) => read(value, field, problems),
        None => Some(default()),
    }
}

fn read<T: for<'a> FromValue<'a>>(
    value: &Value,
    field: &'static FieldShape,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    match T::from_value(value) {
        Ok(read) => Some(read),
        Err(error) => {
            problems.push(FieldProblem::WrongType {
                field: field.name(),
                expected: field.ty(),
                error,
            });
            None
        }
    }
}

/// Records each name of `values` that is not a field of `shape`, with the closest field.
pub fn unknown(values: &Values, shape: &'static Shape, problems: &mut Vec<FieldProblem>) {
    for name in values.keys() {
        if shape.field(name).is_none() {
            problems.push(FieldProblem::Unknown {
                field: name.to_string(),
                suggestion: closest(name, shape.fields().iter().map(FieldShape::name)),
            });
        }
    }
}

/// `Ok` when nothing was recorded; otherwise every problem, as one error.
///
/// # Errors
///
/// The problems recorded.
pub fn finish(shape: &'static Shape, problems: Vec<FieldProblem>) -> Result<(), ValuesError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ValuesError::new(shape.name(), problems))
    }
}

/// The model built from values, once its validators pass.
///
/// # Errors
///
/// The validators' errors.
pub fn validated<M>(
    shape: &'static Shape,
    model: M,
    validate: fn(&M) -> Result<(), ValidationErrors>,
) -> Result<M, ValuesError> {
    match validate(&model) {
        Ok(()) => Ok(model),
        Err(errors) => Err(ValuesError::new(
            shape.name(),
            vec![FieldProblem::Invalid(errors)],
        )),
    }
}

/// A field that read without a recorded problem and still gave nothing: only an expansion
/// and a shape that disagree could do it (a bug of modsmith); an error, never a panic.
#[cold]
#[inline(never)]
pub fn unreadable(shape: &'static Shape) -> ValuesError {
    ValuesError::new(
        shape.name(),
        vec![FieldProblem::Unknown {
            field: "(a field the shape does not list: please report this as a bug of modsmith)"
                .to_owned(),
            suggestion: None,
        }],
    )
}

/// `value` read as field `index`'s type, for `set`.
///
/// # Errors
///
/// [`SetError::WrongType`].
pub fn convert<T: for<'a> FromValue<'a>>(
    value: &Value,
    shape: &'static Shape,
    index: usize,
) -> Result<T, SetError> {
    let Some(field) = shape.fields().get(index) else {
        return Err(unknown_field(shape, "(a field the shape does not list)"));
    };
    T::from_value(value).map_err(|error| SetError::WrongType {
        model: shape.name(),
        field: field.name(),
        expected: field.ty(),
        error,
    })
}

/// The error of `set` for a name that is not a field, with the closest field.
#[cold]
#[inline(never)]
pub fn unknown_field(shape: &'static Shape, field: &str) -> SetError {
    SetError::UnknownField {
        model: shape.name(),
        field: field.to_owned(),
        suggestion: closest(field, shape.fields().iter().map(FieldShape::name)),
    }
}

/// `model`, once its `on_create` has run: the end of a constructor.
#[inline]
pub fn created<M: Model>(model: M) -> M {
    model.on_create();
    model
}

/// The same for a constructor that validates: `on_create` runs when it built the model.
#[inline]
pub fn created_ok<M: Model, E>(built: Result<M, E>) -> Result<M, E> {
    if let Ok(model) = &built {
        model.on_create();
    }
    built
}

/// The value of `field` before a change, for `on_change`.
#[inline]
pub fn before_change<M: Model>(model: &M, field: &str) -> Option<Value> {
    model.get(field)
}

/// Runs `on_change` after a change of `field` that `succeeded`, with the value `old` it had.
pub fn after_change<M: Model>(model: &M, field: &str, old: Option<Value>, succeeded: bool) {
    if !succeeded {
        return;
    }
    if let (Some(old), Some(new)) = (old, model.get(field)) {
        model.on_change(field, &old, &new);
    }
}
