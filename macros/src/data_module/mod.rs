//! `data_module!`: a module of `#[derive(Data)]` structs from names and field lists.

mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// Parse, check each entry with the derive's own `check`, generate. With errors, the same
/// module (duplicates, broken entries and broken options left out) is the fallback.
pub fn run(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let Some(module) = parse::parse(input, &mut errors) else {
        // Not even a module: nothing to define.
        return errors.into_expansion(TokenStream::new());
    };
    let inputs = validate::validate(&module, &mut errors);
    let mut models: Vec<_> = inputs
        .iter()
        .filter_map(|input| crate::data::check(input, &mut errors))
        .collect();
    validate::builder_names(&mut models, &mut errors);
    errors.into_expansion(generate::generate(&module, &inputs, &models))
}
