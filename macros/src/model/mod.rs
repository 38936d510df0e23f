//! `#[derive(Model)]`: a struct read, changed, listed and built by field name at run time
//! (`modsmith::model::Model`), alone or with `#[derive(Data)]`, whose defaults and
//! validators it then uses.
//!
//! Stages: `parse` (the input's shape and the `#[model(..)]` options), `validate` (names,
//! and what `#[data]` says of each field), `generate` (the `Model` impl, thin: the work is in
//! the runtime's `model::support`).

mod generate;
mod parse;
mod validate;

use syn::DeriveInput;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// The derive: parse, validate, generate. With errors, nothing is generated beside them
/// when the input is not a struct with named fields; otherwise the impl of the fields that
/// passed, so that code using it does not fail a second time.
pub fn run(input: &DeriveInput) -> Expansion {
    let mut errors = Errors::new();
    let tokens = match parse::parse(input, &mut errors) {
        Some(parsed) => {
            let checked = validate::validate(parsed, &mut errors);
            generate::generate(&checked)
        }
        None => proc_macro2::TokenStream::new(),
    };
    errors.into_expansion(tokens)
}
