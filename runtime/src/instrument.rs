//! Support for `#[instrument]`: the pieces generated code calls so that it stays a few lines
//! per function.

use std::fmt::Debug;
use std::time::Instant;

/// An argument, borrowed for recording. In `(&Arg(&x)).recorded()`, method resolution tries
/// the impl on `Arg` first (no autoref needed: [`RecordDebug`], when `x` implements `Debug`)
/// and falls back to the one on `&Arg` ([`RecordNothing`]) — "autoref specialisation" — so an
/// argument without `Debug` is left out instead of failing to compile.
/// (Function parameters are always `Sized`, so the argument itself becomes the `&dyn Debug`,
/// borrowed for as long as the argument, not the wrapper.)
pub struct Arg<'a, T>(pub &'a T);

/// Records an argument that implements `Debug`.
pub trait RecordDebug<'a> {
    /// The argument as a `Debug` value.
    fn recorded(&self) -> Option<&'a dyn Debug>;
}

impl<'a, T: Debug> RecordDebug<'a> for Arg<'a, T> {
    #[inline]
    fn recorded(&self) -> Option<&'a dyn Debug> {
        Some(self.0)
    }
}

/// Leaves out an argument that does not implement `Debug`.
pub trait RecordNothing<'a> {
    /// Nothing.
    fn recorded(&self) -> Option<&'a dyn Debug>;
}

impl<'a, T> RecordNothing<'a> for &Arg<'a, T> {
    #[inline]
    fn recorded(&self) -> Option<&'a dyn Debug> {
        None
    }
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
