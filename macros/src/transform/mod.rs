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

use crate::common::crate_path::crate_path;
use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::warning::Warnings;

pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let passes = parse::parse(args, &mut errors);
    let passes = validate::validate(passes, &mut errors);
    let mut module: ItemMod = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Mod(module)) => module,
        Ok(other) => {
            errors.spanned(
                &other,
                "`#[transform(..)]` goes on an inline module: `mod name { .. }`",
            );
            return errors.into_expansion(item);
        }
        Err(error) => {
            errors.push(error);
            return errors.into_expansion(item);
        }
    };
    let opt_outs = parse::take_opt_outs(&mut module, &mut errors);
    let mut warnings = Warnings::new();
    match &module.content {
        // A selector that is already an error is not also a warning.
        Some((_, items)) if !errors.any() => {
            validate::warn_unmatched_selectors(&passes, items, &mut warnings);
        }
        Some(_) => {}
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
    let krate = crate_path(None);
    generate::transform_module(&passes, &mut module, opt_outs, &krate, &mut errors);
    warnings.place_in(&mut module);
    errors.into_expansion(module.into_token_stream())
}
