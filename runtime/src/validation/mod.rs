//! Validation errors reported by `#[derive(Data)]` constructors, builders and setters.

pub mod checks;

use std::borrow::Cow;
use std::fmt;

/// One failed validation rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    field: Option<&'static str>,
    rule: &'static str,
    message: Cow<'static, str>,
}

impl ValidationError {
    /// An error about the struct as a whole, as returned by a `#[data(validate = ..)]` check.
    ///
    /// ```
    /// let error = modsmith_runtime::ValidationError::new("end is before start");
    /// assert_eq!(error.field(), None);
    /// assert_eq!(error.to_string(), "end is before start");
    /// ```
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ValidationError {
            field: None,
            rule: "custom",
            message: message.into(),
        }
    }

    /// An error about one field.
    ///
    /// ```
    /// let error = modsmith_runtime::ValidationError::for_field("email", "has no `@`");
    /// assert_eq!(error.to_string(), "email: has no `@`");
    /// ```
    pub fn for_field(field: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        ValidationError {
            field: Some(field),
            rule: "custom",
            message: message.into(),
        }
    }

    pub(crate) fn of_rule(
        field: &'static str,
        rule: &'static str,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        ValidationError {
            field: Some(field),
            rule,
            message: message.into(),
        }
    }

    /// The field that failed, or `None` for a struct-level check.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// The rule that failed: `"range"`, `"length"`, `"non_empty"` or `"custom"`.
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// What is wrong, without the field name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Every validation failure of one value, in the order the checks ran.
///
/// ```
/// use modsmith_runtime::{ValidationError, ValidationErrors};
///
/// let mut errors = ValidationErrors::new();
/// errors.push(ValidationError::for_field("name", "must not be empty"));
/// errors.push(ValidationError::for_field("age", "must be at least 13 (got 7)"));
/// assert_eq!(errors.len(), 2);
/// assert_eq!(
///     errors.to_string(),
///     "2 validation errors:\n  - name: must not be empty\n  - age: must be at least 13 (got 7)"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// No errors yet.
    pub const fn new() -> Self {
        ValidationErrors { errors: Vec::new() }
    }

    /// Adds one error.
    pub fn push(&mut self, error: ValidationError) {
        self.errors.push(error);
    }

    /// Whether no check failed.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many checks failed.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The failures in the order the checks ran.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// The failures of one field.
    pub fn for_field<'a>(
        &'a self,
        field: &'a str,
    ) -> impl Iterator<Item = &'a ValidationError> + 'a {
        self.errors
            .iter()
            .filter(move |error| error.field == Some(field))
    }

    /// `Ok(())` when empty, the errors otherwise.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.as_slice() {
            [] => f.write_str("no validation errors"),
            [only] => write!(f, "validation failed: {only}"),
            all => {
                write!(f, "{} validation errors:", all.len())?;
                for error in all {
                    write!(f, "\n  - {error}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        ValidationErrors {
            errors: vec![error],
        }
    }
}

/// What a struct-level check (`#[data(validate = path)]`) may return as its error.
///
/// A check returns `Result<(), E>` for any `E` implementing this trait: a message
/// (`&str`, `String`, `Cow<str>`), one [`ValidationError`], or a whole [`ValidationErrors`].
pub trait IntoValidationErrors {
    /// Appends the failures this value describes.
    fn append_to(self, errors: &mut ValidationErrors);
}

impl IntoValidationErrors for ValidationErrors {
    fn append_to(self, errors: &mut ValidationErrors) {
        errors.errors.extend(self.errors);
    }
}

impl IntoValidationErrors for ValidationError {
    fn append_to(self, errors: &mut ValidationErrors) {
        errors.push(self);
    }
}

impl IntoValidationErrors for &str {
    fn append_to(self, errors: &mut ValidationErrors) {
        errors.push(ValidationError::new(self.to_owned()));
    }
}

impl IntoValidationErrors for String {
    fn append_to(self, errors: &mut ValidationErrors) {
        errors.push(ValidationError::new(self));
    }
}

impl IntoValidationErrors for Cow<'static, str> {
    fn append_to(self, errors: &mut ValidationErrors) {
        errors.push(ValidationError::new(self));
    }
}
