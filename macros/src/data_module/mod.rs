//! `data_module!`: a module of `#[derive(Data)]` structs from names and field lists.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;

use crate::common::entry::Expansion;

pub fn expand(input: TokenStream) -> Expansion {
    let module: parse::ModuleInput = match syn::parse2(input) {
        Ok(module) => module,
        Err(errors) => {
            return Expansion::Err {
                errors,
                fallback: TokenStream::new(),
            };
        }
    };
    match validate::validate(&module) {
        Ok(()) => Expansion::Ok(expand::expand(module)),
        Err(errors) => Expansion::Err {
            fallback: expand::fallback(&module),
            errors,
        },
    }
}
