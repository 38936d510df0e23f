//! Checked model → tokens: the module, each struct written out, and each struct's
//! `#[derive(Data)]` expansion, generated in-process (no derive attribute to resolve).

use proc_macro2::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DataStruct, DeriveInput, Fields, Path, Token};

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
    let keep_serde = derives_serde(attrs);
    let attrs = without_data_attrs(attrs, keep_serde);
    let where_clause = &generics.where_clause;
    let fields = match data {
        Data::Struct(DataStruct {
            fields: Fields::Named(fields),
            ..
        }) => {
            let fields = fields.named.iter().map(|field| {
                let mut field = field.clone();
                field.attrs = without_data_attrs(&field.attrs, keep_serde);
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

/// The attributes left on the written-out struct: `#[data(..)]` is the derive's, and so is
/// `#[serde(..)]` (for `#[data(deserialize)]`) unless a serde derive of the entry's own
/// declares it too; no other derive would accept it on the struct.
fn without_data_attrs(attrs: &[Attribute], keep_serde: bool) -> Vec<Attribute> {
    attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("data"))
        .filter(|attr| keep_serde || !attr.path().is_ident("serde"))
        .cloned()
        .collect()
}

/// Whether the entry's own `#[derive(..)]` names serde's `Serialize` or `Deserialize`, which
/// read `#[serde(..)]` attributes.
fn derives_serde(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .filter_map(|attr| {
            attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .any(|path| {
            path.segments.last().is_some_and(|segment| {
                segment.ident == "Serialize" || segment.ident == "Deserialize"
            })
        })
}
