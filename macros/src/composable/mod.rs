//! `#[composable]`: leaves an inline module as written and adds, inside it, a hidden
//! `macro_rules!` that hands the module's member list to a callback, the way `compose!`
//! reads the modules it composes (a proc macro sees only its own input; the list travels
//! through macros, statelessly, as in tt-call and macro_magic).
//!
//! Stages: `parse` (the options), `validate` (the module's members into a [`list`]),
//! `generate` (the hidden macro, its alias and the probe's marker).

pub mod generate;
pub mod list;
pub mod parse;
pub mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::shallow::{ShallowKind, inline_module};

/// The attribute: the module as written, with what `compose!` reads added.
pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let options = parse::parse(args, &mut errors);
    let Some(module) = inline_module(
        item.clone(),
        "composable",
        &mut errors,
        |parsed| match &parsed.kind {
            ShallowKind::Fn(sig) => format!(
                "`#[composable]` goes on an inline module, whose members `compose!` can then \
                 take; put `{}` in one: `#[composable] pub mod name {{ .. }}`",
                sig.ident
            ),
            _ => "`#[composable]` goes on an inline module: `#[composable] pub mod name { .. }`"
                .to_owned(),
        },
    ) else {
        return errors.into_expansion(item);
    };
    match validate::validate(&module, &options) {
        Some(list) => errors.into_expansion(generate::generate(&list, module)),
        None => errors.into_expansion(item),
    }
}
