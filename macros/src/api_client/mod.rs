//! `api_client!`: a typed HTTP API client, async and blocking, from a list of endpoints.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

pub fn expand(input: TokenStream) -> Expansion {
    let input: parse::ClientInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(errors) => {
            return Expansion::Err {
                errors,
                fallback: TokenStream::new(),
            };
        }
    };
    let mut errors = Errors::new();
    let parsed = parse::parse(&input, &mut errors);
    let model = validate::validate(parsed, &mut errors);
    // The model leaves out what failed, so the same expansion is the fallback: the client
    // type and its valid endpoints still exist for the code that uses them.
    let tokens = expand::expand(&model);
    match errors.finish() {
        Ok(()) => Expansion::Ok(tokens),
        Err(errors) => Expansion::Err {
            errors,
            fallback: tokens,
        },
    }
}
