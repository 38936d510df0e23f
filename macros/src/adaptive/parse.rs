//! Tokens → model: the attribute's options, and each function's `#[adaptive(..)]`, which is
//! taken off the item (rustc does not know it).

use darling::{FromAttributes, FromMeta};
use proc_macro2::TokenStream;
use syn::Attribute;

use crate::common::errors::Errors;
use crate::common::items::is_attribute;
use crate::common::options::{CratePath, Keyed, Switch, Text, meta_items};

/// `#[adaptive(..)]` on the module.
#[derive(FromMeta, Default)]
pub struct ModuleOptions {
    /// `version = ".."`: reported by `interface()`.
    pub version: Option<Keyed<Text>>,
    /// `crate = path`: where `modsmith` is, when renamed.
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
}

/// `#[adaptive(..)]` on a function of the module.
#[derive(FromAttributes, Default)]
#[darling(attributes(adaptive))]
pub struct FnOptions {
    /// Declared without a body; provided at run time.
    pub optional: Switch,
}

/// Reads the attribute's options. `None` when they do not parse at all.
pub fn parse(args: TokenStream, errors: &mut Errors) -> Option<ModuleOptions> {
    let items = meta_items(args, errors)?;
    errors.handle(ModuleOptions::from_list(&items))
}

/// Takes the `#[adaptive(..)]` attributes off an item and reads them; the span of the first,
/// for errors about an item that cannot have one.
pub fn take_fn_options(
    attrs: &mut Vec<Attribute>,
    errors: &mut Errors,
) -> (FnOptions, Option<proc_macro2::Span>) {
    let Some(first) = attrs.iter().find(|attr| is_attribute(attr, "adaptive")) else {
        return (FnOptions::default(), None);
    };
    let span = syn::spanned::Spanned::span(first);
    let (ours, theirs): (Vec<_>, Vec<_>) = attrs
        .drain(..)
        .partition(|attr| is_attribute(attr, "adaptive"));
    *attrs = theirs;
    let options = errors
        .handle(FnOptions::from_attributes(&ours))
        .unwrap_or_default();
    (options, Some(span))
}
