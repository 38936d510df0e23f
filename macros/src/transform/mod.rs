//! `#[transform(..)]`: an ordered pipeline of passes over every matching item of an inline
//! module.

mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Item, ItemMod};

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
    let mut warnings = Warnings::new();
    match &mut module.content {
        Some((_, items)) => {
            // A selector that is already an error is not also a warning.
            if !errors.any() {
                validate::unmatched_selectors(&passes, items, &mut warnings);
            }
            let passes: Vec<&validate::CheckedPass> = passes.iter().collect();
            generate::transform_items(&passes, items, &mut errors);
        }
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
    warnings.place_in(&mut module);
    let tokens = module.into_token_stream();
    errors.into_expansion(tokens)
}
