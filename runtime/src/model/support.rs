//! What `#[derive(Model)]` expansions call: reading each field from values with its problem
//! recorded, and the errors of `set`. Generic over the field's type only, so that each
//! distinct field type is compiled once per crate, whatever the number of models.

use super::error::{FieldProblem, SetError, ValuesError};
use super::model::Values;
use super::shape::{FieldShape, Shape};
use crate::dynamic::{FromValue, Value};
use crate::suggest::closest;

/// Field `field` read from `values`; a missing or wrongly typed value is recorded in
/// `problems` and gives `None`.
pub fn take<T: for<'a> FromValue<'a>>(
    values: &Values,
    field: &'static FieldShape,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    match values.get(field.name()) {
        Some(value) => read(value, field, problems),
        None => {
            problems.push(FieldProblem::Missing {
                field: field.name(),
                ty: field.ty(),
            });
            None
        }
    }
}

/// The same for a field with a default: a missing value gives `default()`.
pub fn take_or_else<T: for<'a> FromValue<'a>>(
    values: &Values,
    field: &'static FieldShape,
    problems: &mut Vec<FieldProblem>,
    default: fn() -> T,
) -> Option<T> {
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
pub fn finish(shape: &'static Shape, problems: Vec<FieldProblem>) -> Result<(), ValuesError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ValuesError::new(shape.name(), problems))
    }
}

/// `value` read as field `field`'s type, for `set`.
pub fn convert<T: for<'a> FromValue<'a>>(
    value: &Value,
    shape: &'static Shape,
    field: &'static FieldShape,
) -> Result<T, SetError> {
    T::from_value(value).map_err(|error| SetError::WrongType {
        field: format!("{}.{}", shape.name(), field.name()),
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
