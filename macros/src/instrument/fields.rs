//! Tokens → model: `fields(..)`, written as with `#[tracing::instrument]`: `name = value`,
//! `name = %value` (`Display`), `name = ?value` (`Debug`), `%name` / `?name` (a parameter or
//! local of that name), dotted names (`user.id = ..`), a constant name in braces
//! (`{FIELD} = ..`), and `name` alone: an empty field, recorded later with `Span::record`.

use darling::FromMeta;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Meta, Token};

/// The custom fields of a span, in the order written.
#[derive(Clone, Default)]
pub struct Fields(pub Vec<CustomField>);

impl FromMeta for Fields {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let Meta::List(list) = item else {
            return Err(darling::Error::custom(
                "`fields` takes a list: `fields(user.id = id, %path, pending)`",
            )
            .with_span(item));
        };
        let fields = list
            .parse_args_with(Punctuated::<CustomField, Token![,]>::parse_terminated)
            .map_err(|error| {
                darling::Error::custom(format!(
                    "{error}; a field is `name = value`, `name = %value` (Display), \
                     `name = ?value` (Debug), `%name`, `?name`, or `name` alone (recorded \
                     later)"
                ))
                .with_span(&error.span())
            })?;
        Ok(Fields(fields.into_iter().collect()))
    }
}

/// How a field's value is recorded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As the value it is (`tracing::Value`: typed for numbers, bools and strings).
    Value,
    /// `%`: with `Display`.
    Display,
    /// `?`: with `Debug`.
    Debug,
}

#[derive(Clone)]
pub enum FieldName {
    /// `a`, `a.b.c` (any identifier, keywords included: `r#type` is written `type`).
    Dotted(Punctuated<Ident, Token![.]>),
    /// `{CONSTANT}`: a name computed at compile time.
    Constant(Expr),
}

#[derive(Clone)]
pub struct CustomField {
    pub name: FieldName,
    pub value: Option<Expr>,
    pub shown: Shown,
}

impl CustomField {
    /// The name, when it is a single identifier: a parameter of that name is then recorded
    /// by this field only.
    pub fn single_name(&self) -> Option<String> {
        match &self.name {
            FieldName::Dotted(names) if names.len() == 1 => {
                names.first().map(|name| name.unraw().to_string())
            }
            _ => None,
        }
    }

    /// The name as `tracing::span!` reads it, for comparing fields written twice.
    pub fn written_name(&self) -> String {
        match &self.name {
            FieldName::Dotted(names) => names
                .iter()
                .map(|name| name.unraw().to_string())
                .collect::<Vec<_>>()
                .join("."),
            FieldName::Constant(expr) => {
                crate::common::source_text::source_text(expr.to_token_stream())
            }
        }
    }

    /// The field as `tracing::span!` takes it; `empty`: the path of `tracing::field::Empty`.
    pub fn tokens(&self, empty: &TokenStream) -> TokenStream {
        let name = match &self.name {
            FieldName::Dotted(names) => names.to_token_stream(),
            FieldName::Constant(expr) => quote!({ #expr }),
        };
        let sigil = match self.shown {
            Shown::Value => None,
            Shown::Display => Some(quote!(%)),
            Shown::Debug => Some(quote!(?)),
        };
        match (&self.value, sigil) {
            (Some(value), sigil) => quote!(#name = #sigil #value),
            // `name` alone: declared now, recorded later.
            (None, None) => quote!(#name = #empty),
            // `%name`: the local of that name.
            (None, Some(sigil)) => quote!(#sigil #name),
        }
    }
}

impl Parse for CustomField {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut shown = sigil(input)?;
        let name = if input.peek(syn::token::Brace) {
            let content;
            syn::braced!(content in input);
            FieldName::Constant(content.parse()?)
        } else {
            FieldName::Dotted(Punctuated::parse_separated_nonempty_with(
                input,
                Ident::parse_any,
            )?)
        };
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if let Some(written) = sigil(input)? {
                shown = Some(written);
            }
            Some(input.parse()?)
        } else {
            None
        };
        Ok(CustomField {
            name,
            value,
            shown: shown.unwrap_or(Shown::Value),
        })
    }
}

fn sigil(input: ParseStream<'_>) -> syn::Result<Option<Shown>> {
    if input.peek(Token![%]) {
        input.parse::<Token![%]>()?;
        Ok(Some(Shown::Display))
    } else if input.peek(Token![?]) {
        input.parse::<Token![?]>()?;
        Ok(Some(Shown::Debug))
    } else {
        Ok(None)
    }
}
