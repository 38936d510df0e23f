//! `#[derive(Data)]`: constructors, a type-state builder, getters, validating setters and
//! reflection for a struct with named fields.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::common::crate_path::crate_path;
use crate::common::entry::Expansion;
use crate::common::errors::Errors;

pub fn expand(input: &DeriveInput) -> Expansion {
    let mut errors = Errors::new();
    let checked = parse::parse(input, &mut errors)
        .map(|parsed| validate::validate(parsed, &mut errors))
        .and_then(|model| errors.finish_with(model));
    match checked {
        Ok(model) => Expansion::Ok(expand::expand(&model)),
        Err(errors) => Expansion::Err {
            errors,
            fallback: fallback(input),
        },
    }
}

/// Emitted next to the errors: an empty `Data` impl, so bounds such as `T: Data` elsewhere
/// hold and the user sees only the real mistakes. The crate path is read leniently here, as
/// the options themselves may be what failed.
fn fallback(input: &DeriveInput) -> TokenStream {
    let krate = crate_path(lenient_crate_path(input).as_ref());
    let name = &input.ident;
    let name_text = name.to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Data for #name #ty_generics #where_clause {
            const INFO: #krate::__private::DataInfo = #krate::__private::DataInfo::new(#name_text, &[]);
        }
    }
}

fn lenient_crate_path(input: &DeriveInput) -> Option<syn::Path> {
    use darling::FromAttributes;
    parse::StructOptions::from_attributes(&input.attrs)
        .ok()
        .and_then(|options| options.krate)
}
