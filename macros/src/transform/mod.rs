//! `#[transform(..)]`: an ordered pipeline of passes over every matching item of an inline
//! module.
//!
//! Stages: `parse` (the passes, and the opt-outs written on the module's items), `validate`
//! (selectors checked, each pass's item kinds), `generate` (each pass applied to the items it
//! selects; the `instrument` pass calls `#[instrument]` as a library).

mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Item, ItemMod};

use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::warning::Warnings;

/// The attribute: `check`, then `generate`; on errors the module, as far as it was
/// transformed, is the fallback.
pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    match check(args, item.clone(), &mut errors) {
        Some(model) => errors.into_expansion(generate(model)),
        None => errors.into_expansion(item),
    }
}

/// A module with the steps each of its items takes (see [`validate::select`]).
pub struct Transformed {
    passes: Vec<validate::CheckedPass>,
    module: ItemMod,
    steps: Vec<Vec<validate::Step>>,
    warnings: Warnings,
}

/// Parses and validates the passes and the module, pushing every user error into `errors`.
/// `None` when the item is not a module at all.
pub fn check(args: TokenStream, item: TokenStream, errors: &mut Errors) -> Option<Transformed> {
    let passes = parse::parse(args, errors);
    let passes = validate::validate(passes, errors);
    let mut module: ItemMod = match syn::parse2::<Item>(item) {
        Ok(Item::Mod(module)) => module,
        Ok(other) => {
            errors.spanned(
                &other,
                "`#[transform(..)]` goes on an inline module: `mod name { .. }`",
            );
            return None;
        }
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let opt_outs = parse::take_opt_outs(&mut module, errors);
    let mut warnings = Warnings::new();
    match &module.content {
        // A glob that is an error is not also a warning: it has no `Glob` to warn about.
        Some((_, items)) => validate::warn_unmatched_selectors(&passes, items, &mut warnings),
        None => errors.spanned(
            &module,
            format!(
                "`#[transform]` on `mod {0};` cannot see the module's body, which is in another file \
                 (an attribute only receives the tokens it is written on); write the module inline: \
                 `mod {0} {{ .. }}`",
                module.ident
            ),
        ),
    }
    let steps = validate::select(&passes, &module, opt_outs, errors);
    Some(Transformed {
        passes,
        module,
        steps,
        warnings,
    })
}

/// The module with every step applied, and the warnings inside it.
pub fn generate(model: Transformed) -> TokenStream {
    let Transformed {
        passes,
        mut module,
        steps,
        warnings,
    } = model;
    generate::transform_module(&passes, &mut module, steps);
    warnings.place_in(&mut module);
    module.into_token_stream()
}
