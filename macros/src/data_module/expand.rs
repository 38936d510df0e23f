//! Checked model → tokens: the module, each struct written out, and each struct's
//! `#[derive(Data)]` expansion run in-process (no derive attribute to resolve).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Attribute, Data, DataStruct, DeriveInput, Fields, Visibility};

use super::parse::{ModuleInput, StructEntry};

pub fn expand(module: ModuleInput) -> TokenStream {
    let ModuleInput {
        attrs,
        vis,
        mod_token,
        ident,
        entries,
    } = module;
    let structs = entries.into_iter().map(expand_entry);
    quote! {
        #( #attrs )*
        #vis #mod_token #ident {
            // Field types are written as if in the enclosing module.
            #[allow(unused_imports)]
            use super::*;
            #( #structs )*
        }
    }
}

fn expand_entry(entry: StructEntry) -> TokenStream {
    let input = derive_input(entry);
    let definition = definition(&input);
    let derived = crate::data::expand(&input).into_tokens();
    quote! {
        #definition
        #derived
    }
}

pub fn derive_input(entry: StructEntry) -> DeriveInput {
    let vis = match entry.vis {
        Visibility::Inherited => Visibility::Public(syn::Token![pub](entry.ident.span())),
        written => written,
    };
    DeriveInput {
        attrs: entry.attrs,
        vis,
        ident: entry.ident,
        generics: entry.generics,
        data: Data::Struct(DataStruct {
            struct_token: syn::Token![struct](Span::call_site()),
            fields: Fields::Named(entry.fields),
            semi_token: None,
        }),
    }
}

/// The struct as it is defined: the input with the `#[data]` attributes, which only the
/// derive reads, removed.
pub fn definition(input: &DeriveInput) -> TokenStream {
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

/// What is emitted when the module's own rules fail: each struct defined once, without
/// generated items, so later uses of the names still resolve.
pub fn fallback(module: &ModuleInput) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let structs = module
        .entries
        .iter()
        .filter(|entry| seen.insert(entry.ident.to_string()))
        .map(|entry| {
            let mut entry = StructEntry {
                attrs: entry.attrs.clone(),
                vis: entry.vis.clone(),
                ident: entry.ident.clone(),
                generics: entry.generics.clone(),
                fields: entry.fields.clone(),
            };
            let mut field_names = std::collections::BTreeSet::new();
            entry.fields.named = entry
                .fields
                .named
                .into_iter()
                .filter(|field| {
                    field
                        .ident
                        .as_ref()
                        .is_none_or(|name| field_names.insert(name.to_string()))
                })
                .collect();
            definition(&derive_input(entry))
        });
    let (attrs, vis, mod_token, ident) =
        (&module.attrs, &module.vis, &module.mod_token, &module.ident);
    quote! {
        #( #attrs )*
        #vis #mod_token #ident {
            #[allow(unused_imports)]
            use super::*;
            #( #structs )*
        }
    }
}
