//! `data_module!`: a module of `#[derive(Data)]` structs from names and field lists.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

pub fn expand(input: TokenStream) -> Expansion {
    let mut module: parse::ModuleInput = match syn::parse2(input) {
        Ok(module) => module,
        // Not even a module: nothing to define.
        Err(errors) => {
            return Expansion::Err {
                errors,
                fallback: TokenStream::new(),
            };
        }
    };
    let mut errors = Errors::new();
    module.take_entry_errors(&mut errors);
    let inputs = validate::validate(&module, &mut errors);
    let models: Vec<_> = inputs
        .iter()
        .filter_map(|input| crate::data::check(input, &mut errors))
        .collect();
    // With errors, the same module (duplicates and broken options left out) is the fallback.
    let tokens = expand::expand(&module, &inputs, &models);
    match errors.finish() {
        Ok(()) => Expansion::Ok(tokens),
        Err(errors) => Expansion::Err {
            errors,
            fallback: tokens,
        },
    }
}
