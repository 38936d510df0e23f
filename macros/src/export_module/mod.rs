//! `#[export_module]`: a Rust module, left as written, also exposed as a `DynModule` by
//! `module()`.
//!
//! Stages: `parse` (the options), `validate` (each item with its `#[export(..)]` and
//! `#[cfg(..)]`: what can be exported, names), `generate` (a `module()` per exported module, its entries
//! written as static data: a manifest string, and one array of `fn` pointers per signature
//! behind the runtime's adapter for it).

mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::shallow::{ShallowItem, inline_module};

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// The attribute: `parse` and `validate`, then `generate`; on errors the module keeps a
/// `module()` of the members that passed (the `#[export]` attributes are taken off either
/// way: rustc does not know them).
pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let Some(mut module) = parse_module(item.clone(), &mut errors) else {
        return errors.into_expansion(item);
    };
    let parsed = parse::parse(args, &mut errors);
    // With errors too: the members that passed still get their `module()`, so that code
    // calling it does not fail a second time.
    match parsed.and_then(|parsed| validate::validate(parsed, &mut module, &mut errors)) {
        Some(exported) => {
            let tokens = generate::generate(&exported, module);
            errors.into_expansion(tokens)
        }
        None => errors.into_expansion(quote::ToTokens::into_token_stream(&module)),
    }
}

/// The item, if it is an inline module: read down to its members' signatures, bodies left
/// as written (see `common::shallow`).
fn parse_module(item: TokenStream, errors: &mut Errors) -> Option<ShallowItem> {
    inline_module(item, "export_module", errors, |_| {
        "`#[export_module]` goes on an inline module: `pub mod name { .. }`".to_owned()
    })
}
