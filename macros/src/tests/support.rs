//! Helpers for the expansion snapshot and property tests of every macro.

use proc_macro2::TokenStream;

/// The tokens formatted as Rust source, as a reviewer would read the expansion.
pub fn pretty(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => panic!("expansion is not valid Rust ({error}):\n{tokens}"),
    }
}
