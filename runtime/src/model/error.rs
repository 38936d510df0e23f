//! The errors of models: setting a field ([`SetError`]) and building from values
//! ([`ValuesError`], every problem at once).

use std::fmt;

use crate::dynamic::ValueError;
use crate::validation::ValidationErrors;

/// Why [`Model::set`](super::Model::set) refused a value. The model keeps its old value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SetError {
    /// The model has no field of that name.
    UnknownField {
        /// The model's type name.
        model: &'static str,
        /// The name asked for.
        field: String,
        /// The closest field name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// The value does not convert into the field's type.
    WrongType {
        /// The model's type name.
        model: &'static str,
        /// The field's name.
        field: &'static str,
        /// The field's type as written.
        expected: &'static str,
        /// The conversion's error.
        error: ValueError,
    },
    /// The new value failed the field's validators or the model's own check.
    Invalid(ValidationErrors),
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetError::UnknownField {
                model,
                field,
                suggestion,
            } => {
                write!(f, "`{model}` has no field `{field}`")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => write!(f, "; `{model}::SHAPE` lists its fields"),
                }
            }
            SetError::WrongType {
                model,
                field,
                expected: _,
                error,
            } => write!(f, "`{model}.{field}` cannot be set to this value: {error}"),
            SetError::Invalid(errors) => write!(f, "{errors}; the field keeps its old value"),
        }
    }
}

impl std::error::Error for SetError {}

/// One problem with the values a model was built from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// A required field has no value.
    Missing {
        /// The field's name.
        field: &'static str,
        /// Its type as written.
        expected: &'static str,
    },
    /// A value names no field.
    Unknown {
        /// The name given.
        field: String,
        /// The closest field name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A value does not convert into its field's type.
    WrongType {
        /// The field's name.
        field: &'static str,
        /// Its type as written.
        expected: &'static str,
        /// The conversion's error.
        error: ValueError,
    },
    /// The values converted, and the model they make failed its validators.
    Invalid(ValidationErrors),
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Missing { field, expected } => {
                write!(f, "`{field}` is missing (a `{expected}`)")
            }
            FieldProblem::Unknown { field, suggestion } => {
                write!(f, "`{field}` is not a field")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => Ok(()),
                }
            }
            FieldProblem::WrongType {
                field,
                expected: _,
                error,
            } => write!(f, "`{field}`: {error}"),
            FieldProblem::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

/// Why [`Model::from_values`](super::Model::from_values) could not build the model: every
/// missing, unknown and wrongly typed field at once.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesError {
    model: &'static str,
    problems: Vec<FieldProblem>,
}

impl ValuesError {
    /// The error of the model `model` (its type name) with these problems, for a
    /// hand-written [`Model::from_values`](super::Model::from_values).
    pub fn new(model: &'static str, problems: Vec<FieldProblem>) -> Self {
        ValuesError { model, problems }
    }

    /// The model's type name.
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// Each problem, in the order of the model's fields, then the unknown names.
    pub fn problems(&self) -> &[FieldProblem] {
        &self.problems
    }
}

impl fmt::Display for ValuesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "cannot build `{}`: {count} problem{plural}", self.model)?;
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValuesError {}
