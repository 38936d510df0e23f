//! `#[derive(Data)]`: constructors, a type-state builder, getters, validating setters and
//! reflection for a struct with named fields.

mod deserialize;
mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;
use syn::ext::IdentExt;

#[cfg(test)]
pub use self::deserialize::generate as deserialize_tokens;
pub use self::generate::generate;
pub use self::validate::CheckedStruct;
use crate::common::crate_path::{crate_path, lenient_crate_path};
use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// The derive: check, then generate. On errors, the model with the broken options left out
/// is generated next to them, so that `User::new`, the builder and the getters still exist
/// and the user sees only the real mistakes.
pub fn run(input: &DeriveInput) -> Expansion {
    let mut errors = Errors::new();
    let tokens = match check(input, &mut errors) {
        Some(model) => generate(&model),
        None => shape_fallback(input),
    };
    errors.into_expansion(tokens)
}

/// Parses and validates, pushing every user error into `errors`. Returns the model to
/// generate (see [`CheckedStruct`]), or `None` when the input is not a struct with named
/// fields at all.
pub fn check<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Option<CheckedStruct<'a>> {
    match parse::parse(input, errors) {
        Ok(parsed) => Some(validate::validate(parsed, errors)),
        Err(shape_error) => {
            errors.push(shape_error);
            None
        }
    }
}

/// Emitted next to the error for an enum, union or tuple struct: an empty `Data` impl, so
/// bounds such as `T: Data` elsewhere still hold.
fn shape_fallback(input: &DeriveInput) -> TokenStream {
    let krate = crate_path(lenient_crate_path(&input.attrs, "data").as_ref());
    let name = &input.ident;
    let name_text = name.unraw().to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::data::Data for #name #ty_generics #where_clause {
            const INFO: #krate::__private::data::DataInfo = #krate::__private::data::DataInfo::new(#name_text, &[]);
        }
    }
}
