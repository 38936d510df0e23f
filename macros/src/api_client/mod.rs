//! `api_client!`: a typed HTTP API client, async and blocking, from a list of endpoints.

mod generate;
pub(crate) mod names;
mod parse;
mod validate;

use proc_macro2::TokenStream;

pub use self::generate::generate;
pub use self::parse::{ClientInput, client_input};
pub use self::validate::CheckedClient;
use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// Parse, check, generate. The model leaves out what failed, so the same expansion is the
/// fallback: the client type and its valid endpoints still exist for the code that uses them.
pub fn run(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let Some(input) = client_input(input, &mut errors) else {
        return errors.into_expansion(TokenStream::new());
    };
    let model = check(&input, &mut errors);
    errors.into_expansion(generate(&model))
}

/// Reads the client's options and endpoints and checks them against each other, pushing
/// every user error into `errors`; what failed is left out of the model.
pub fn check<'a>(input: &'a ClientInput, errors: &mut Errors) -> CheckedClient<'a> {
    let parsed = parse::parse(input, errors);
    validate::validate(parsed, errors)
}
