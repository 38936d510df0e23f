//! Tokens → model: `[attrs] [vis] mod name { Entry { field: Type, .. }, .. }`.
//!
//! An entry that does not parse is reported and skipped, up to the next top-level comma, so
//! one typo neither hides the other entries' errors nor removes the whole module.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{
    Attribute, Data, DataStruct, DeriveInput, Fields, FieldsNamed, Generics, Ident, Path, Token,
    Visibility, braced,
};

use crate::common::crate_path::lenient_crate_path;
use crate::common::errors::Errors;
use crate::common::recover;

/// The whole `data_module!` input.
pub struct ModuleInput {
    /// The module's attributes, `#[data(..)]` taken out.
    pub attrs: Vec<Attribute>,
    /// `#[data(crate = path)]` on the module: where `modsmith` is, for every entry that does
    /// not say so itself.
    pub krate: Option<Path>,
    pub vis: Visibility,
    pub mod_token: Token![mod],
    pub ident: Ident,
    /// The entries that parsed; the others were reported.
    pub entries: Vec<StructEntry>,
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

/// Reads the module. `None` when it is not even a module (the error is in `errors`); an
/// entry that does not parse is reported and left out.
pub fn parse(input: TokenStream, errors: &mut Errors) -> Option<ModuleInput> {
    recover::parse_input(input, errors, module)
}

fn module(input: ParseStream, errors: &mut Errors) -> syn::Result<ModuleInput> {
    let (data_attrs, attrs): (Vec<Attribute>, Vec<Attribute>) = input
        .call(Attribute::parse_outer)?
        .into_iter()
        .partition(|attr| attr.path().is_ident("data"));
    let krate = module_crate(&data_attrs, errors);
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
    let read = recover::entries(&content, Token![,], errors, parse_entry);
    let mut entries = Vec::new();
    for entry in read {
        match entry {
            Entry::Struct(entry) => entries.push(entry),
            Entry::Refused(error) => errors.push(error),
        }
    }
    if !input.is_empty() {
        return Err(
            input.error("unexpected tokens after the module; `data_module!` takes one module")
        );
    }
    Ok(ModuleInput {
        attrs,
        krate,
        vis,
        mod_token,
        ident,
        entries,
    })
}

/// `#[data(crate = path)]` on the module, the only option that belongs there.
fn module_crate(data_attrs: &[Attribute], errors: &mut Errors) -> Option<Path> {
    let mut krate = None;
    for attr in data_attrs {
        let read = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value = meta.value().map_err(|_| {
                    meta.error("`crate` needs the path under which `modsmith` is reachable, e.g. `crate = my_modsmith`")
                })?;
                // `crate = path` or, as the derive also reads it, `crate = "path"`.
                krate = Some(if value.peek(syn::LitStr) {
                    value.parse::<syn::LitStr>()?.parse::<Path>()?
                } else {
                    value.parse::<Path>()?
                });
                Ok(())
            } else {
                Err(meta.error(
                    "on the module, `#[data(..)]` takes only `crate = path`; put the other \
                     options on each struct",
                ))
            }
        });
        errors.handle(read);
    }
    krate
}

/// What one entry turned out to be.
enum Entry {
    Struct(StructEntry),
    /// Another kind of item, read whole (so the entries after it are still read) and
    /// refused with a message that says what the module holds.
    Refused(syn::Error),
}

/// One entry, which a comma must follow unless it is the last (or an item ending in `;`).
fn parse_entry(content: ParseStream) -> syn::Result<Entry> {
    if let Some(refused) = other_item(content)? {
        return Ok(Entry::Refused(refused));
    }
    let entry: StructEntry = content.parse()?;
    if !content.is_empty() && !content.peek(Token![,]) {
        return Err(content.error(format!(
            "expected `,` after the `{}` entry; entries are separated by commas",
            entry.ident
        )));
    }
    Ok(Entry::Struct(entry))
}

/// An item that is not a struct entry (`enum`, `use`, `fn`, ..), read whole, with the error
/// that refuses it; `None` when the input is not such an item.
fn other_item(content: ParseStream) -> syn::Result<Option<syn::Error>> {
    let ahead = content.fork();
    let _ = ahead.call(Attribute::parse_outer)?;
    let _: Visibility = ahead.parse()?;
    let is_item = ahead.peek(Token![enum])
        || ahead.peek(Token![union])
        || ahead.peek(Token![use])
        || ahead.peek(Token![fn])
        || ahead.peek(Token![impl])
        || ahead.peek(Token![trait])
        || ahead.peek(Token![type])
        || ahead.peek(Token![const])
        || ahead.peek(Token![static])
        || ahead.peek(Token![mod]);
    if !is_item {
        return Ok(None);
    }
    let item: syn::Item = content.parse()?;
    const SUPPORTED: &str = "`data_module!` holds struct entries only, written \
        `Name { field: Type, .. }` (or `struct Name { .. }`), each deriving `Data`";
    let refused = match &item {
        syn::Item::Enum(item) => syn::Error::new(
            item.enum_token.span,
            format!(
                "{SUPPORTED}; `{}` is an enum: define it outside the macro, where the entries' \
                 field types can still name it",
                item.ident
            ),
        ),
        syn::Item::Use(item) => syn::Error::new(
            item.use_token.span,
            format!(
                "{SUPPORTED}; a `use` is not needed inside: the module sees every name of the \
                 enclosing module (it starts with `use super::*;`), so put this `use` before \
                 the macro"
            ),
        ),
        other => syn::Error::new_spanned(
            other,
            format!("{SUPPORTED}; define this item outside the macro"),
        ),
    };
    Ok(Some(refused))
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
        let fields = input.parse().map_err(|error: syn::Error| {
            syn::Error::new(
                error.span(),
                format!(
                    "{error}; fields are written `name: Type`, separated by commas: \
                     `{ident} {{ x: f64, y: f64 }}`"
                ),
            )
        })?;
        Ok(StructEntry {
            attrs,
            vis,
            ident,
            generics,
            fields,
        })
    }
}

impl StructEntry {
    /// The input `#[derive(Data)]` would receive for this entry, with the module's `crate`
    /// unless the entry names its own. An entry without visibility is `pub`: the module
    /// exists to be used from outside.
    pub fn to_derive_input(&self, krate: Option<&Path>) -> DeriveInput {
        let mut entry = self.clone();
        let names_its_crate = lenient_crate_path(&entry.attrs, "data").is_some();
        if let (Some(krate), false) = (krate, names_its_crate) {
            entry.attrs.push(syn::parse_quote!(#[data(crate = #krate)]));
        }
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
}
