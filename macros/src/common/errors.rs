//! Collecting every user error of one macro call, so one build shows all of them.

use std::fmt::Display;

use quote::ToTokens;

/// An accumulator of independent errors. Checks push into it instead of returning early;
/// the caller finishes it once, after all checks ran.
#[derive(Default)]
#[must_use = "errors are only reported once the accumulator is finished"]
pub struct Errors {
    combined: Option<syn::Error>,
    count: usize,
}

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    /// Adds an error (a `syn::Error`, or a `darling::Error` with its did-you-mean hints).
    pub fn push(&mut self, error: impl Into<syn::Error>) {
        let error = error.into();
        self.count += (&error).into_iter().count();
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// How many errors were pushed so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Adds an error spanning `tokens`, from their first to their last token.
    pub fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Adds an error at one span.
    pub fn at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Keeps an `Ok` value, records an `Err`.
    pub fn handle<T, E: Into<syn::Error>>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was pushed, every error combined otherwise.
    pub fn finish_with<T>(self, value: T) -> Result<T, syn::Error> {
        match self.combined {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }

    /// `Ok(())` when nothing was pushed, every error combined otherwise.
    pub fn finish(self) -> Result<(), syn::Error> {
        self.finish_with(())
    }
}
