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

use syn::{DeriveInput, Ident};

use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::items::is_attribute;

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

/// What `#[derive(Data)]` needs of `Model` on the same struct to run its hooks: whether it
/// has `on_create` and `on_change`, and each field's name in the model (`None` for a skipped
/// field). `Data` calls the hooks from the constructors and setters it generates; `Model`
/// owns the options and reports their errors, so nothing is reported here.
pub struct ModelHooks {
    pub on_create: bool,
    pub on_change: bool,
    pub field_names: Vec<(Ident, Option<String>)>,
}

/// The [`ModelHooks`] of `input`; `None` when it has no `#[model]` attribute (so that `Data`
/// alone never names `Model`), is generic, or is not a struct `Model` accepts.
pub fn model_hooks(input: &DeriveInput) -> Option<ModelHooks> {
    // A generic struct gets no `Model` impl (that derive reports why), so there is nothing
    // to call.
    if !input.generics.params.is_empty()
        || !input.attrs.iter().any(|attr| is_attribute(attr, "model"))
    {
        return None;
    }
    let mut errors_reported_by_model = Errors::new();
    let parsed = parse::parse(input, &mut errors_reported_by_model);
    // Ended on purpose, unread: `#[derive(Model)]` on the same struct reports them.
    let _ = errors_reported_by_model.finish();
    let parsed = parsed?;
    Some(ModelHooks {
        on_create: parsed.options.on_create.is_some(),
        on_change: parsed.options.on_change.is_some(),
        field_names: parsed
            .fields
            .iter()
            .map(|field| {
                let name = (!field.options.skip.is_present()).then(|| {
                    validate::field_name(field, parsed.options.serde_rename_all.as_deref()).0
                });
                (field.ident.clone(), name)
            })
            .collect(),
    })
}
