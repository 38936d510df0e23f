//! `api_client!`: a typed HTTP API client, async and blocking, from a list of endpoints.

mod generate;
pub(crate) mod names;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// Parse, validate, generate. The model leaves out what failed, so the same expansion is the
/// fallback: the client type and its valid endpoints still exist for the code that uses them.
pub fn run(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let Some(input) = parse::client_input(input, &mut errors) else {
        return errors.into_expansion(TokenStream::new());
    };
    let parsed = parse::parse(&input, &mut errors);
    let model = validate::validate(parsed, &mut errors);
    let tokens = generate::generate(&model);
    errors.into_expansion(tokens)
}
