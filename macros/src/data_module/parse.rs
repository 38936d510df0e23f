//! Tokens → model: `[attrs] [vis] mod name { Entry { field: Type, .. }, .. }`.
//!
//! An entry that does not parse is reported and skipped, up to the next top-level comma, so
//! one typo neither hides the other entries' errors nor removes the whole module.

use proc_macro2::TokenTree;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, FieldsNamed, Generics, Ident, Token, Visibility, braced};

use crate::common::errors::Errors;

/// The whole `data_module!` input.
pub struct ModuleInput {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub mod_token: Token![mod],
    pub ident: Ident,
    pub entries: Vec<StructEntry>,
    /// Errors of entries that did not parse; the module itself did.
    pub entry_errors: Vec<syn::Error>,
}

/// One `Name<..> where .. { fields }` entry.
#[derive(Clone)]
pub struct StructEntry {
    pub attrs: Vec<Attribute>,
    /// As written; `Inherited` (nothing written) becomes `pub` in expansion.
    pub vis: Visibility,
    pub ident: Ident,
    pub generics: Generics,
    pub fields: FieldsNamed,
}

impl ModuleInput {
    /// Moves the entries' parse errors into `errors`.
    pub fn take_entry_errors(&mut self, errors: &mut Errors) {
        for error in self.entry_errors.drain(..) {
            errors.push(error);
        }
    }
}

impl Parse for ModuleInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if !input.peek(Token![mod]) {
            return Err(input.error(
                "`data_module!` expects a module: `pub mod name { Point { x: f64, y: f64 }, .. }`",
            ));
        }
        let mod_token = input.parse()?;
        let ident = input.parse()?;
        let content;
        braced!(content in input);
        let mut entries = Vec::new();
        let mut entry_errors = Vec::new();
        while !content.is_empty() {
            match parse_entry(&content) {
                Ok(entry) => entries.push(entry),
                Err(error) => {
                    entry_errors.push(error);
                    skip_past_comma(&content)?;
                }
            }
        }
        if !input.is_empty() {
            return Err(
                input.error("unexpected tokens after the module; `data_module!` takes one module")
            );
        }
        Ok(ModuleInput {
            attrs,
            vis,
            mod_token,
            ident,
            entries,
            entry_errors,
        })
    }
}

/// One entry and the comma after it (none after the last).
fn parse_entry(content: ParseStream) -> syn::Result<StructEntry> {
    let entry: StructEntry = content.parse()?;
    if !content.is_empty() && !content.peek(Token![,]) {
        return Err(content.error(format!(
            "expected `,` after the `{}` entry; entries are separated by commas",
            entry.ident
        )));
    }
    let _: Option<Token![,]> = content.parse()?;
    Ok(entry)
}

fn skip_past_comma(content: ParseStream) -> syn::Result<()> {
    while !content.is_empty() {
        if content.peek(Token![,]) {
            let _: Token![,] = content.parse()?;
            break;
        }
        let _: TokenTree = content.parse()?;
    }
    Ok(())
}

impl Parse for StructEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        // `struct` is optional: `Point { .. }` and `struct Point { .. }` mean the same.
        let _: Option<Token![struct]> = input.parse()?;
        let ident: Ident = input.parse()?;
        let mut generics: Generics = input.parse()?;
        generics.where_clause = input.parse()?;
        if !input.peek(syn::token::Brace) {
            let name = &ident;
            return Err(input.error(format!(
                "expected the fields of `{name}` in braces: `{name} {{ field: Type, .. }}`; \
                 entries are separated by commas"
            )));
        }
        let fields = input.parse()?;
        Ok(StructEntry {
            attrs,
            vis,
            ident,
            generics,
            fields,
        })
    }
}
