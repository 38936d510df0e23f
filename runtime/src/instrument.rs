//! Support for `#[instrument]`: the pieces generated code calls so that it stays a few lines
//! per function.

use std::fmt::{Debug, Display};
use std::time::Instant;

use tracing::field::{DebugValue, DisplayValue, Value};

/// An argument, borrowed for recording. Which of the `Record*` traits records it is chosen
/// by method resolution ("autoref specialisation"): in `(&&Arg(&x)).recorded()` the impl
/// taking the most references that applies wins, so a number, bool or string is recorded
/// as a typed value ([`RecordValue`]), anything else with `Debug` ([`RecordDebug`]), and an
/// argument with neither is left out ([`RecordNothing`]) instead of failing to compile.
/// Generated code leaves [`RecordValue`] out of scope for the arguments
/// `#[tracing::instrument]` records with `Debug`, so both attributes record the same.
pub struct Arg<'a, T>(pub &'a T);

// By hand: a derive would ask `T: Copy`.
impl<T> Clone for Arg<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Arg<'_, T> {}

/// Records an argument that is a `tracing::Value` as one, keeping its type.
pub trait RecordValue<'a> {
    /// The argument as a typed value.
    fn recorded(&self) -> Option<&'a dyn Value>;
}

impl<'a, T: Value> RecordValue<'a> for &Arg<'a, T> {
    #[inline]
    fn recorded(&self) -> Option<&'a dyn Value> {
        Some(self.0)
    }
}

/// Records an argument that implements `Debug`.
pub trait RecordDebug<'a> {
    /// The argument as a `Debug` value.
    fn recorded(&self) -> Option<DebugValue<&'a dyn Debug>>;
}

impl<'a, T: Debug> RecordDebug<'a> for Arg<'a, T> {
    #[inline]
    fn recorded(&self) -> Option<DebugValue<&'a dyn Debug>> {
        Some(tracing::field::debug(self.0))
    }
}

/// Records a value that implements `Display` (`ret(Display)` in a block).
pub trait RecordDisplay<'a> {
    /// The value as a `Display` value.
    fn recorded(&self) -> Option<DisplayValue<&'a dyn Display>>;
}

impl<'a, T: Display> RecordDisplay<'a> for Arg<'a, T> {
    #[inline]
    fn recorded(&self) -> Option<DisplayValue<&'a dyn Display>> {
        Some(tracing::field::display(self.0))
    }
}

/// Leaves out an argument that none of the other traits records.
pub trait RecordNothing<'a> {
    /// Nothing.
    fn recorded(self) -> Option<&'a dyn Value>;
}

impl<'a, T> RecordNothing<'a> for Arg<'a, T> {
    #[inline]
    fn recorded(self) -> Option<&'a dyn Value> {
        None
    }
}

/// An error that `err` records with `Display` (the default). Generated code asks for it
/// where `err` is written, so that an error type without `Display` is reported there, in
/// these words.
#[diagnostic::on_unimplemented(
    message = "`err` records errors with `Display`, but `{Self}` does not implement `Display`",
    label = "`{Self}` has no `Display`",
    note = "write `err(Debug)` to record the error with `Debug`, or implement `Display` for `{Self}`"
)]
pub trait ErrorDisplay: Display {}

impl<T: Display + ?Sized> ErrorDisplay for T {}

/// `if false { return <a value of type $ty>; }`, first in an instrumented `async fn`'s
/// body: it never runs, but it fixes the async block's output type before the user's
/// statements are checked, so a type error among them is reported at the user's expression
/// rather than at the attribute. A macro here, not tokens in every expansion: the lints its
/// dead code would raise are allowed once.
#[doc(hidden)]
#[macro_export]
macro_rules! __instrument_declared_return {
    ($ty:ty) => {
        #[allow(
            unknown_lints,
            unreachable_code,
            clippy::diverging_sub_expression,
            clippy::empty_loop,
            clippy::let_unit_value,
            clippy::let_with_type_underscore,
            clippy::needless_return,
            clippy::unreachable
        )]
        if false {
            let declared: $ty = loop {};
            return declared;
        }
    };
}

/// What a redacted argument is recorded as.
pub const REDACTED: &str = "***";

/// Records `elapsed_us` on the span when dropped: at the end of the function, on an early
/// `return`, on `?`, and while unwinding from a panic. A disabled span is not timed.
pub struct Timer {
    span: tracing::Span,
    started: Option<Instant>,
}

impl Timer {
    /// Starts timing `span`.
    #[inline]
    pub fn start(span: &tracing::Span) -> Self {
        Timer {
            span: span.clone(),
            started: (!span.is_none()).then(Instant::now),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(started) = self.started {
            self.span
                .record("elapsed_us", started.elapsed().as_micros() as u64);
        }
    }
}
