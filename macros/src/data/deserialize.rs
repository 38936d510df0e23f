//! Checked model → tokens: the `serde::Deserialize` of `#[data(deserialize)]`, which
//! validates what it read.
//!
//! serde's own derive does the reading, on a private twin of the struct (same fields, same
//! `#[serde(..)]` attributes), reached through modsmith's re-export with
//! `#[serde(crate = ..)]`, so the user needs no dependency on serde. The impl on the struct
//! moves the fields over and ends with one runtime call that validates; the serde attributes
//! keep working because serde reads them itself.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{Attribute, Data, Fields, Meta};

use super::validate::CheckedStruct;
use crate::common::respan::replace_self;
use crate::common::source_text::source_text;

/// The twin struct and the `Deserialize` impl, or nothing without `#[data(deserialize)]`.
pub fn generate(model: &CheckedStruct) -> TokenStream {
    if model.deserialize.is_none() {
        return TokenStream::new();
    }
    let input = model.input;
    let name = &input.ident;
    let krate = &model.krate;
    let private = quote!(#krate::__private::data);
    let Data::Struct(data) = &input.data else {
        return TokenStream::new();
    };
    let named: Vec<&syn::Field> = match &data.fields {
        Fields::Named(fields) => fields.named.iter().collect(),
        Fields::Unit | Fields::Unnamed(_) => Vec::new(),
    };
    // Mixed-site: the twin never clashes with, nor captures, a user name.
    let twin = format_ident!("__{}Deserialized", name.unraw(), span = Span::mixed_site());
    let container_attrs = serde_attrs(&input.attrs);
    let keys = serde_keys(&container_attrs);
    // serde looks for itself as `serde`; a user's own `crate = ..` (a renamed serde) is the
    // same crate, and serde allows one.
    let crate_attr = (!keys.contains("crate")).then(|| {
        let path = format!("{}::__private::data::serde", source_text(quote!(#krate)));
        quote!(#[serde(crate = #path)])
    });
    // The type's name as formats see it (RON writes it), and as serde's messages name it
    // ("expected struct User"): the user's, not the twin's, unless the user chose one.
    let name_text = name.unraw().to_string();
    let rename_attr = (!keys.contains("rename")).then(|| quote!(#[serde(rename = #name_text)]));
    let expecting_attr = (!keys.contains("expecting")).then(|| {
        let text = format!("struct {name_text}");
        quote!(#[serde(expecting = #text)])
    });
    let (_, ty_generics, where_clause) = input.generics.split_for_impl();
    // In the twin, `Self` would be the twin.
    let self_type = quote!(#name #ty_generics);
    let fields = named.iter().filter_map(|field| {
        let ident = field.ident.as_ref()?;
        let ty = replace_self(field.ty.to_token_stream(), &self_type);
        let attrs = serde_attrs(&field.attrs);
        Some(quote!(#( #attrs )* #ident: #ty))
    });
    let moved = named.iter().filter_map(|field| field.ident.as_ref());
    let generics = &input.generics;
    let twin_where = &generics.where_clause;
    let lifetime = syn::Lifetime::new("'__modsmith_de", Span::mixed_site());
    let deserializer = syn::Ident::new("__ModsmithDeserializer", Span::mixed_site());
    let deserializer_value = syn::Ident::new("__modsmith_deserializer", Span::mixed_site());
    let read = syn::Ident::new("__modsmith_read", Span::mixed_site());
    let mut impl_params: Vec<TokenStream> = vec![quote!(#lifetime)];
    impl_params.extend(generics.params.iter().map(|param| match param {
        // Defaults are not allowed on an impl's parameters.
        syn::GenericParam::Type(param) => {
            let mut param = param.clone();
            param.default = None;
            quote!(#param)
        }
        syn::GenericParam::Const(param) => {
            let mut param = param.clone();
            param.default = None;
            quote!(#param)
        }
        syn::GenericParam::Lifetime(param) => quote!(#param),
    }));
    // One by one: an empty `where` written out (`struct S<T> where {}`) would give `where ,`.
    let predicates = where_clause
        .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
        .unwrap_or_default();
    // Deserializing constructs the struct: `Model`'s `on_create` runs after it too.
    let mut finish = quote!(#private::deserialized(#name { #( #moved: #read.#moved, )* }));
    if model.hooks.as_ref().is_some_and(|hooks| hooks.on_create) {
        let krate = &model.krate;
        finish = quote!(#krate::__private::model::created_ok(#finish));
    }
    quote! {
        #[derive(#private::serde::Deserialize)]
        #crate_attr
        #rename_attr
        #expecting_attr
        #( #container_attrs )*
        struct #twin #generics #twin_where {
            #( #fields, )*
        }

        #[automatically_derived]
        impl< #( #impl_params ),* > #private::serde::Deserialize<#lifetime> for #name #ty_generics
        where
            #( #predicates, )*
            #twin #ty_generics: #private::serde::Deserialize<#lifetime>,
        {
            fn deserialize<#deserializer>(
                #deserializer_value: #deserializer,
            ) -> ::core::result::Result<Self, <#deserializer as #private::serde::Deserializer<#lifetime>>::Error>
            where
                #deserializer: #private::serde::Deserializer<#lifetime>,
            {
                let #read = <#twin #ty_generics as #private::serde::Deserialize<#lifetime>>::deserialize(#deserializer_value)?;
                #finish
            }
        }
    }
}

/// The `#[serde(..)]` attributes, which serde's derive reads from the twin as it would from
/// the struct.
fn serde_attrs(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .collect()
}

/// The keys written at the top level of `#[serde(..)]` attributes: `rename_all`, `crate`, ...
fn serde_keys(attrs: &[&Attribute]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for attr in attrs {
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        let mut at_start = true;
        for token in list.tokens.clone() {
            match token {
                TokenTree::Ident(ident) if at_start => {
                    keys.insert(ident.unraw().to_string());
                    at_start = false;
                }
                TokenTree::Punct(punct) if punct.as_char() == ',' => at_start = true,
                _ => at_start = false,
            }
        }
    }
    keys
}
