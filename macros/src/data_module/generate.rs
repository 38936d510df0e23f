//! Checked model → tokens: the module, each struct written out, and each struct's
//! `#[derive(Data)]` expansion, generated in-process (no derive attribute to resolve).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Data, DataStruct, DeriveInput, Fields};

use super::parse::ModuleInput;
use crate::data::CheckedStruct;

/// The module with every struct and, for each, the derive's output from `models` (the
/// derive's checked models of the same structs, in order).
pub fn generate(
    module: &ModuleInput,
    inputs: &[DeriveInput],
    models: &[CheckedStruct],
) -> TokenStream {
    let (attrs, vis, mod_token, ident) =
        (&module.attrs, &module.vis, &module.mod_token, &module.ident);
    let definitions = inputs.iter().map(definition);
    let derived = models.iter().map(crate::data::generate);
    quote! {
        #( #attrs )*
        #vis #mod_token #ident {
            // Field types are written as if in the enclosing module.
            #[allow(unused_imports)]
            use super::*;
            #( #definitions )*
            #( #derived )*
        }
    }
}

/// The struct as it is defined: the input with the `#[data]` attributes, which only the
/// derive reads, removed.
fn definition(input: &DeriveInput) -> TokenStream {
    let DeriveInput {
        attrs,
        vis,
        ident,
        generics,
        data,
    } = input;
    let attrs = without_data_attrs(attrs);
    let where_clause = &generics.where_clause;
    let fields = match data {
        Data::Struct(DataStruct {
            fields: Fields::Named(fields),
            ..
        }) => {
            let fields = fields.named.iter().map(|field| {
                let mut field = field.clone();
                field.attrs = without_data_attrs(&field.attrs);
                field
            });
            quote!({ #( #fields ),* })
        }
        _ => quote!({}),
    };
    quote! {
        #( #attrs )*
        #vis struct #ident #generics #where_clause #fields
    }
}

fn without_data_attrs(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("data"))
        .cloned()
        .collect()
}
