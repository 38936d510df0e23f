//! Collecting every user error of one macro call, so one build shows all of them, and ending
//! a macro's pipeline with them.

use std::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::entry::Expansion;

/// An accumulator of independent errors. Checks push into it instead of returning early;
/// the pipeline ends it once, after all checks ran, with [`Errors::into_expansion`] (or
/// [`Errors::finish`] where a macro runs inside another).
///
/// An accumulator dropped without being ended is a modsmith bug (its errors would be lost),
/// caught as serde's `Ctxt` does, in builds of the macro with debug assertions: cargo builds
/// proc macros that way in users' ordinary dev builds, where the entry point turns the panic
/// into a "modsmith bug" error at the call. In a release build of the macro the check is
/// off, and such a bug would drop the errors silently. It checks modsmith's own code paths,
/// never what the user wrote.
#[derive(Default)]
#[must_use = "errors are only reported once the accumulator is ended with `into_expansion` or `finish`"]
pub struct Errors {
    combined: Option<syn::Error>,
    count: usize,
    ended: bool,
}

/// A point in the accumulation, to ask later whether anything failed since
/// ([`Errors::failed_since`]).
#[derive(Clone, Copy)]
pub struct Checkpoint(usize);

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    /// Adds an error (a `syn::Error`, or a `darling::Error` with its did-you-mean hints).
    pub fn push(&mut self, error: impl Into<Reported>) {
        let errors: Vec<syn::Error> = match error.into() {
            Reported::Syn(error) => error.into_iter().collect(),
            Reported::Darling(error) => error.into_iter().map(darling_in_our_words).collect(),
        };
        for error in errors {
            let error = in_our_words(error);
            self.count += 1;
            match &mut self.combined {
                Some(combined) => combined.combine(error),
                None => self.combined = Some(error),
            }
        }
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
    pub fn handle<T, E: Into<Reported>>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// Whether any error was pushed.
    pub fn any(&self) -> bool {
        self.count > 0
    }

    /// Marks this point, for [`Errors::failed_since`].
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.count)
    }

    /// Whether an error was pushed after `checkpoint` was taken.
    pub fn failed_since(&self, checkpoint: Checkpoint) -> bool {
        self.count > checkpoint.0
    }

    /// Ends the pipeline: `tokens` alone when nothing failed; otherwise every error, with
    /// `tokens` emitted next to them as the fallback that keeps the user's names resolving.
    pub fn into_expansion(self, tokens: TokenStream) -> Expansion {
        match self.finish() {
            Ok(()) => Expansion::Ok(tokens),
            Err(errors) => Expansion::Err {
                errors,
                fallback: tokens,
            },
        }
    }

    /// Ends the accumulation: `Ok(())` when nothing was pushed, every error combined
    /// otherwise. For a macro run inside another, whose own pipeline reports them.
    pub fn finish(mut self) -> Result<(), syn::Error> {
        self.ended = true;
        match self.combined.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// An error as a macro's stages produce it: syn's, or darling's, which knows which option it
/// is about.
pub enum Reported {
    Syn(syn::Error),
    Darling(darling::Error),
}

impl From<syn::Error> for Reported {
    fn from(error: syn::Error) -> Self {
        Reported::Syn(error)
    }
}

impl From<darling::Error> for Reported {
    fn from(error: darling::Error) -> Self {
        Reported::Darling(error)
    }
}

/// One darling error. Where darling only says that a value has the wrong shape ("Unexpected
/// type `int`", "Unexpected meta-item format `list`"), the option it is about is found in
/// the error's location and the message names it and shows how it is written.
fn darling_in_our_words(error: darling::Error) -> syn::Error {
    let span = error.span();
    // `Display` adds " at option/path" to darling's own words.
    let written = error.to_string();
    let (words, location) = written
        .rsplit_once(" at ")
        .unwrap_or((written.as_str(), ""));
    let key = location.rsplit('/').next().unwrap_or_default();
    match wrong_shape(words, key) {
        Some(reworded) => syn::Error::new(span, reworded),
        None => error.into(),
    }
}

/// What a wrong value's kind is called, from darling's words about it.
fn wrong_shape(words: &str, key: &str) -> Option<String> {
    let what = |kind: &str| match kind {
        "int" | "float" => "a number".to_owned(),
        "str" | "string" | "byte string" => "a string".to_owned(),
        "bool" => "`true` or `false`".to_owned(),
        "path" => "a path".to_owned(),
        "list" => format!("a list, `{key}(..)`"),
        "word" => "no value".to_owned(),
        "name value" => format!("a value, `{key} = ..`"),
        other => format!("`{other}`"),
    };
    let kind = [
        "Unexpected type ",
        "Unexpected literal type ",
        "Unexpected meta-item format ",
    ]
    .iter()
    .find_map(|prefix| words.strip_prefix(prefix))?
    .trim_matches('`');
    if key.is_empty() {
        return None;
    }
    let how = OPTION_SHAPES
        .iter()
        .find(|(option, _)| *option == key)
        .map_or_else(
            || "see this option's documentation for what it takes".to_owned(),
            |(_, how)| format!("write {how}"),
        );
    Some(format!("`{key}` does not take {}; {how}", what(kind)))
}

/// How the option `key` is written, for messages about a wrong or missing value, when it is
/// one of the options darling reads for us.
pub fn how_to_write(key: &str) -> Option<&'static str> {
    OPTION_SHAPES
        .iter()
        .find(|(option, _)| *option == key)
        .map(|(_, how)| *how)
}

/// How the options that darling reads for us are written, by key (the others have messages
/// of their own).
const OPTION_SHAPES: &[(&str, &str)] = &[
    ("skip", "`skip` alone, or `skip(getter)`, `skip(setter)`"),
    (
        "length",
        "`length(min = 1, max = 64)` (either bound may be left out)",
    ),
    (
        "range",
        "`range(min = 0, max = 100)` (either bound may be left out)",
    ),
    ("min", "a bound as an expression: `min = 1`"),
    ("max", "a bound as an expression: `max = 100`"),
    (
        "default",
        "`default` alone (the type's `Default`) or `default = expression`",
    ),
    (
        "validate",
        "`validate = path::to::check` on a struct, `validate(range(min = 1))` on a field",
    ),
    ("custom", "`custom = path::to::check`"),
    ("retries", "a number of retries: `retries = 3`"),
    (
        "builder",
        "the builder type's name: `builder = UserFactory`",
    ),
];

/// darling's own wording, where it speaks of the options a user writes as "fields", in ours:
/// "Unknown field: `x`. Did you mean `y`?" becomes "unknown option `x` (did you mean `y`?)",
/// and "Duplicate field `x`" becomes "`x` is given twice; keep one of them".
fn in_our_words(error: syn::Error) -> syn::Error {
    let message = error.to_string();
    if let Some(name) = message.strip_prefix("Duplicate field ") {
        return syn::Error::new(
            error.span(),
            format!("{name} is given twice; keep one of them"),
        );
    }
    let Some(rest) = message.strip_prefix("Unknown field: ") else {
        return error;
    };
    let reworded = match rest.split_once(". Did you mean ") {
        Some((name, suggestion)) => format!(
            "unknown option {name} (did you mean {}?)",
            suggestion.trim_end_matches('?')
        ),
        None => match rest.split_once(". Available values: ") {
            Some((name, known)) => format!("unknown option {name}; the options are {known}"),
            None => format!("unknown option {rest}"),
        },
    };
    syn::Error::new(error.span(), reworded)
}

#[cfg(test)]
impl Errors {
    /// Ends the accumulation and gives each error's message, in order: what tests compare.
    pub fn into_messages(self) -> Vec<String> {
        self.finish()
            .err()
            .into_iter()
            .flatten()
            .map(|error| error.to_string())
            .collect()
    }
}

#[cfg(debug_assertions)]
impl Drop for Errors {
    fn drop(&mut self) {
        // Not while unwinding: a second panic would abort instead of being reported.
        if !self.ended && !std::thread::panicking() {
            panic!(
                "an error accumulator was dropped without being ended; its errors would be lost"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    use super::Errors;

    #[test]
    fn a_checkpoint_sees_only_later_errors() {
        let mut errors = Errors::new();
        errors.at(Span::call_site(), "first");
        let checkpoint = errors.checkpoint();
        assert!(!errors.failed_since(checkpoint));
        errors.at(Span::call_site(), "second");
        assert!(errors.failed_since(checkpoint));
        let combined = errors.finish().err().map(|error| error.into_iter().count());
        assert_eq!(combined, Some(2));
    }

    #[test]
    fn darling_speaks_of_options_not_fields() {
        let mut errors = Errors::new();
        errors.push(darling::Error::unknown_field_with_alts(
            "levle",
            &["level", "target"],
        ));
        errors.push(darling::Error::unknown_field("zzz"));
        errors.push(darling::Error::duplicate_field("into"));
        let messages = errors.into_messages();
        assert_eq!(
            messages,
            [
                "unknown option `levle` (did you mean `level`?)",
                "unknown option `zzz`",
                "`into` is given twice; keep one of them"
            ]
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_names_its_option_and_how_to_write_it() {
        let mut errors = Errors::new();
        errors.push(darling::Error::unexpected_type("int").at("skip"));
        errors.push(darling::Error::unsupported_format("list").at("default"));
        errors.push(
            darling::Error::unexpected_type("bool")
                .at("mystery")
                .at("outer"),
        );
        errors.push(darling::Error::unexpected_type("int"));
        let messages = errors.into_messages();
        assert_eq!(
            messages,
            [
                "`skip` does not take a number; write `skip` alone, or `skip(getter)`, `skip(setter)`",
                "`default` does not take a list, `default(..)`; write `default` alone (the type's `Default`) or `default = expression`",
                "`mystery` does not take `true` or `false`; see this option's documentation for what it takes",
                // Without a location darling's words stay: there is no option to name.
                "Unexpected type `int`",
            ]
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    fn an_accumulator_dropped_unended_is_caught() {
        let dropped = std::panic::catch_unwind(|| drop(Errors::new()));
        assert!(dropped.is_err());
    }
}
