//! The built-in field validators. Generated code calls one function per rule, so the rules'
//! logic and messages live here, compiled once, rather than in every user's expansion.
//!
//! Every check takes `Option<&T>`: `None` is an `Option` field holding `None`, which passes.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::{Debug, Display};
use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use super::{IntoValidationErrors, ValidationError, ValidationErrors};

/// `range(min = .., max = ..)`: inclusive bounds, either may be absent. A value that cannot be
/// compared with a bound (a float NaN) fails: it is not within the range.
#[inline]
pub fn range<T: PartialOrd + Debug>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: Option<&T>,
    min: Option<T>,
    max: Option<T>,
) {
    let Some(value) = value else { return };
    let too_low = min.as_ref().is_some_and(|min| {
        !matches!(
            value.partial_cmp(min),
            Some(Ordering::Greater | Ordering::Equal)
        )
    });
    let too_high = max.as_ref().is_some_and(|max| {
        !matches!(
            value.partial_cmp(max),
            Some(Ordering::Less | Ordering::Equal)
        )
    });
    if !(too_low || too_high) {
        return;
    }
    let message = match (&min, &max) {
        (Some(min), Some(max)) => format!("must be between {min:?} and {max:?} (got {value:?})"),
        (Some(min), None) => format!("must be at least {min:?} (got {value:?})"),
        (None, Some(max)) => format!("must be at most {max:?} (got {value:?})"),
        (None, None) => return,
    };
    errors.push(ValidationError::of_rule(field, "range", message));
}

/// `length(min = .., max = ..)`: inclusive bounds on [`HasLength::length`].
#[inline]
pub fn length<T: HasLength + ?Sized>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: Option<&T>,
    min: Option<usize>,
    max: Option<usize>,
) {
    let Some(value) = value else { return };
    let length = value.length();
    let too_short = min.is_some_and(|min| length < min);
    let too_long = max.is_some_and(|max| length > max);
    if !(too_short || too_long) {
        return;
    }
    let unit = |count: usize| {
        if count == 1 {
            T::UNIT.to_owned()
        } else {
            format!("{}s", T::UNIT)
        }
    };
    let message = match (min, max) {
        (Some(min), Some(max)) if min == max => {
            format!("must have exactly {min} {} (got {length})", unit(min))
        }
        (Some(min), Some(max)) => {
            format!(
                "must have between {min} and {max} {} (got {length})",
                unit(max)
            )
        }
        (Some(min), None) => format!("must have at least {min} {} (got {length})", unit(min)),
        (None, Some(max)) => format!("must have at most {max} {} (got {length})", unit(max)),
        (None, None) => return,
    };
    errors.push(ValidationError::of_rule(field, "length", message));
}

/// `non_empty`: a length of at least one.
#[inline]
pub fn non_empty<T: HasLength + ?Sized>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: Option<&T>,
) {
    if value.is_some_and(|value| value.length() == 0) {
        errors.push(ValidationError::of_rule(
            field,
            "non_empty",
            "must not be empty",
        ));
    }
}

/// `custom = path`: the user's function returns `Err(message)` to reject the value.
#[inline]
pub fn custom<T: ?Sized, Via, F: CustomValidator<T, Via>>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: Option<&T>,
    check: F,
) {
    if let Some(value) = value
        && let Err(message) = check.check(value)
    {
        errors.push(ValidationError::of_rule(field, "custom", message));
    }
}

/// A function that `validate(custom = path)` accepts for a field of type `T`:
/// `fn(&T) -> Result<(), E>` with `E: Display`, or a function taking what `T` dereferences
/// to (`fn(&str)` for a `String` field, `fn(&[T])` for a `Vec<T>`), up to two levels
/// (`fn(&str)` for an `Arc<String>`), as a call `check(&field)` would coerce.
///
/// `Via` tells the three forms apart; the compiler infers it. One trait with one message,
/// rather than a call of the function in generated code, so that a function of the wrong
/// shape is one error, at its path, that shows the shape to write.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot validate a field of type `{T}`",
    label = "expected `fn(&{T}) -> Result<(), E>` where `E: Display`",
    note = "a custom validator takes the field by reference (or what it dereferences to, e.g. `&str` for a `String`) and returns `Ok(())` or `Err(message)`"
)]
pub trait CustomValidator<T: ?Sized, Via> {
    /// Runs the check, turning a rejection into its message.
    fn check(self, value: &T) -> Result<(), String>;
}

/// [`CustomValidator`]'s form `fn(&T)`.
pub enum ByReference {}
/// [`CustomValidator`]'s form `fn(&T::Target)`.
pub enum ByDeref {}
/// [`CustomValidator`]'s form `fn(&<T::Target as Deref>::Target)`.
pub enum ByDerefTwice {}

impl<T: ?Sized, E: Display, F: FnOnce(&T) -> Result<(), E>> CustomValidator<T, ByReference> for F {
    fn check(self, value: &T) -> Result<(), String> {
        self(value).map_err(|error| error.to_string())
    }
}

impl<T, E, F> CustomValidator<T, ByDeref> for F
where
    T: Deref + ?Sized,
    E: Display,
    F: FnOnce(&T::Target) -> Result<(), E>,
{
    fn check(self, value: &T) -> Result<(), String> {
        self(value.deref()).map_err(|error| error.to_string())
    }
}

impl<T, E, F> CustomValidator<T, ByDerefTwice> for F
where
    T: Deref + ?Sized,
    T::Target: Deref,
    E: Display,
    F: FnOnce(&<T::Target as Deref>::Target) -> Result<(), E>,
{
    fn check(self, value: &T) -> Result<(), String> {
        self(value.deref().deref()).map_err(|error| error.to_string())
    }
}

/// `#[data(validate = path)]` on the struct.
#[inline]
pub fn struct_check<E: IntoValidationErrors>(
    errors: &mut ValidationErrors,
    outcome: Result<(), E>,
) {
    if let Err(error) = outcome {
        error.append_to(errors);
    }
}

/// Types that `length(..)` and `non_empty` can check.
///
/// Strings count characters (not bytes); collections count elements. Implement it for your
/// own collection types to use these validators on them.
pub trait HasLength {
    /// What the length counts, in the singular, for messages: `"character"` or `"element"`.
    const UNIT: &'static str = "element";

    /// The length that the validators compare.
    fn length(&self) -> usize;
}

impl HasLength for str {
    const UNIT: &'static str = "character";
    fn length(&self) -> usize {
        self.chars().count()
    }
}

impl HasLength for String {
    const UNIT: &'static str = "character";
    fn length(&self) -> usize {
        self.as_str().length()
    }
}

impl<T: HasLength + ?Sized> HasLength for &T {
    const UNIT: &'static str = T::UNIT;
    fn length(&self) -> usize {
        (**self).length()
    }
}

macro_rules! delegate_to_pointee {
    ($($pointer:ident),*) => {
        $(impl<T: HasLength + ?Sized> HasLength for $pointer<T> {
            const UNIT: &'static str = T::UNIT;
            fn length(&self) -> usize {
                (**self).length()
            }
        })*
    };
}

delegate_to_pointee!(Box, Rc, Arc);

impl HasLength for Cow<'_, str> {
    const UNIT: &'static str = "character";
    fn length(&self) -> usize {
        self.as_ref().length()
    }
}

impl<T: Clone> HasLength for Cow<'_, [T]> {
    fn length(&self) -> usize {
        self.len()
    }
}

macro_rules! count_elements {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {
        $(impl<$($generics)*> HasLength for $ty {
            fn length(&self) -> usize {
                self.len()
            }
        })*
    };
}

count_elements! {
    [T] [T],
    [T, const N: usize] [T; N],
    [T] Vec<T>,
    [T] VecDeque<T>,
    [T, S] HashSet<T, S>,
    [K, V, S] HashMap<K, V, S>,
    [T] BTreeSet<T>,
    [K, V] BTreeMap<K, V>,
}
