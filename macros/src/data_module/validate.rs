//! Model → checked model: names must be unique (a duplicate points at both), and each entry
//! must pass the derive's own checks. The checked model keeps the first of each name, so the
//! module generated next to the errors defines every name once.

use std::collections::BTreeSet;

use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{DeriveInput, Ident, Path, Token};

use super::parse::{ModuleInput, StructEntry};
use crate::common::errors::Errors;

/// The entries to generate, each as the input of `#[derive(Data)]`, duplicates left out.
pub fn validate(module: &ModuleInput, errors: &mut Errors) -> Vec<DeriveInput> {
    let mut seen_structs: Vec<&Ident> = Vec::new();
    let mut inputs = Vec::new();
    for entry in &module.entries {
        if let Some(earlier) = find(&seen_structs, &entry.ident) {
            let name = entry.ident.unraw();
            errors.spanned(
                &entry.ident,
                format!("the struct `{name}` is defined twice in this module; rename one of them"),
            );
            errors.spanned(earlier, format!("`{name}` first defined here"));
            continue;
        }
        seen_structs.push(&entry.ident);
        let entry = without_data_derive(without_duplicate_fields(entry, errors), errors);
        inputs.push(entry.to_derive_input(module.krate.as_ref()));
    }
    inputs
}

/// A struct named like another entry's builder (`UserBuilder` next to `User`): the module
/// would define the name twice, which rustc reports as a cascade of errors about both. Seen
/// here, where every entry is known, it is one error saying how to rename, and the owner's
/// builder is left out of the fallback so that the cascade does not follow.
pub fn builder_names(models: &mut [crate::data::CheckedStruct<'_>], errors: &mut Errors) {
    let names: Vec<(String, &Ident)> = models
        .iter()
        .map(|model| (model.input.ident.unraw().to_string(), &model.input.ident))
        .collect();
    let mut clashing = Vec::new();
    for (index, model) in models.iter().enumerate() {
        if !model.emit_builder {
            continue;
        }
        let owner = model.input.ident.unraw().to_string();
        let builder = model.builder_name.as_ref().map_or_else(
            || format!("{owner}Builder"),
            |name| name.unraw().to_string(),
        );
        for (_, clash) in names.iter().filter(|(name, _)| *name == builder) {
            errors.spanned(
                clash,
                format!(
                    "`{builder}` is also the name of the builder of `{owner}`; rename this \
                     struct, or name the builder otherwise with `#[data(builder = \
                     {owner}Factory)]` on `{owner}`"
                ),
            );
            clashing.push(index);
        }
    }
    for index in clashing {
        if let Some(model) = models.get_mut(index) {
            model.emit_builder = false;
        }
    }
}

/// Every entry derives `Data`; one written out in `#[derive(..)]` would be derived twice,
/// which rustc reports as a dozen duplicate definitions. It is refused once, at `Data`, and
/// left out, so the module generated next to the error derives it once.
fn without_data_derive(mut entry: StructEntry, errors: &mut Errors) -> StructEntry {
    let mut attrs = Vec::new();
    for attr in std::mem::take(&mut entry.attrs) {
        if !attr.path().is_ident("derive") {
            attrs.push(attr);
            continue;
        }
        let Ok(paths) = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
        else {
            attrs.push(attr);
            continue;
        };
        let (data, others): (Vec<Path>, Vec<Path>) = paths.into_iter().partition(|path| {
            path.segments
                .last()
                .is_some_and(|segment| segment.ident == "Data")
        });
        let name = entry.ident.unraw();
        for path in &data {
            errors.spanned(
                path,
                format!(
                    "every entry of `data_module!` derives `Data` already; remove `Data` from \
                     the `#[derive(..)]` of `{name}`"
                ),
            );
        }
        if !others.is_empty() {
            let mut kept = attr.clone();
            kept.meta = syn::parse_quote!(derive(#( #others ),*));
            attrs.push(kept);
        }
    }
    entry.attrs = attrs;
    entry
}

fn without_duplicate_fields(entry: &StructEntry, errors: &mut Errors) -> StructEntry {
    let mut entry = entry.clone();
    let struct_name = entry.ident.unraw();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut first: Vec<Ident> = Vec::new();
    entry.fields.named = entry
        .fields
        .named
        .into_iter()
        .filter(|field| {
            let Some(name) = &field.ident else {
                return true;
            };
            if seen.insert(name.unraw().to_string()) {
                first.push(name.clone());
                return true;
            }
            let field_name = name.unraw();
            errors.spanned(
                name,
                format!("`{struct_name}` has two fields named `{field_name}`; rename one of them"),
            );
            if let Some(earlier) = find(&first.iter().collect::<Vec<_>>(), name) {
                errors.spanned(earlier, format!("`{field_name}` first declared here"));
            }
            false
        })
        .collect();
    entry
}

/// The earlier identifier equal to `name`, raw or not (`Type` and `r#Type` are one name).
fn find<'a>(seen: &[&'a Ident], name: &Ident) -> Option<&'a Ident> {
    seen.iter()
        .copied()
        .find(|earlier| earlier.unraw() == name.unraw())
}
