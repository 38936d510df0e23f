//! `#[adaptive]`: every function of an inline module becomes a slot that can be replaced,
//! overridden for a thread or a task, wrapped by middleware and inspected, while it is
//! called exactly as before.
//!
//! Stages: `parse` (the options, and each function's `#[adaptive(..)]`), `validate` (what
//! can be a slot; each function's parameters read into the arguments struct), `generate`
//! (each function's slot and handle, the module's `adapt`, `interface()` and `supports()`).

mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::crate_path::lenient_crate_path_in_args;
use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::options::CratePath;
use crate::common::shallow::{ShallowItem, ShallowKind, inline_module};

/// The attribute: `parse` and `validate`, then `generate`. With errors, the functions that
/// passed still become slots, so that code using their handles does not fail a second time.
pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let Some(mut module) = parse_module(item.clone(), &mut errors) else {
        return errors.into_expansion(item);
    };
    // Options that do not parse are reported; the functions are still read with the
    // defaults (and the `crate` path if it can be found), so that no follow-up errors come
    // from the module left as written.
    let user_crate = lenient_crate_path_in_args(args.clone());
    let options = parse::parse(args, &mut errors).unwrap_or_else(|| parse::ModuleOptions {
        krate: user_crate.map(CratePath),
        ..parse::ModuleOptions::default()
    });
    match validate::validate(&options, &mut module, &mut errors) {
        Some(adaptive) => {
            let tokens = generate::generate(&adaptive, module);
            errors.into_expansion(tokens)
        }
        None => errors.into_expansion(quote::ToTokens::into_token_stream(&module)),
    }
}

/// The item, if it is an inline module, read down to its members' signatures.
fn parse_module(item: TokenStream, errors: &mut Errors) -> Option<ShallowItem> {
    let is_impl = syn::parse2::<syn::ItemImpl>(item.clone()).is_ok();
    inline_module(item, "adaptive", errors, |parsed| match &parsed.kind {
        ShallowKind::Fn(sig) | ShallowKind::Declared(sig) => format!(
            "`#[adaptive]` goes on an inline module, whose functions become slots; put `{}` in \
             one: `#[adaptive] pub mod name {{ .. }}`",
            sig.ident
        ),
        _ if is_impl => "`#[adaptive]` does not go on an `impl` block: a slot is a function of \
                         a module, shared by every caller, while a method belongs to each \
                         value; put the swappable logic in a function of an `#[adaptive]` \
                         module and call it from the method"
            .to_owned(),
        _ => "`#[adaptive]` goes on an inline module: `pub mod name { .. }`".to_owned(),
    })
}
