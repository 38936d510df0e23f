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

/// An item's `#[adaptive(..)]` attributes, taken off it.
pub struct TakenOptions {
    /// The options; `None` when they do not parse (the errors are pushed).
    pub options: Option<FnOptions>,
    /// The first attribute, for errors about an item that cannot have one.
    pub attribute: Option<Attribute>,
}

/// Takes the `#[adaptive(..)]` attributes off an item (written bare or by path,
/// `#[modsmith::adaptive(optional)]`) and reads them.
pub fn take_fn_options(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> TakenOptions {
    if !attrs.iter().any(|attr| is_attribute(attr, "adaptive")) {
        return TakenOptions {
            options: Some(FnOptions::default()),
            attribute: None,
        };
    }
    let (mut ours, theirs): (Vec<_>, Vec<_>) = attrs
        .drain(..)
        .partition(|attr| is_attribute(attr, "adaptive"));
    *attrs = theirs;
    let attribute = ours.first().cloned();
    // darling matches the bare name only.
    for attr in &mut ours {
        let bare = syn::Ident::new("adaptive", syn::spanned::Spanned::span(attr.path()));
        match &mut attr.meta {
            syn::Meta::Path(path) => *path = bare.into(),
            syn::Meta::List(list) => list.path = bare.into(),
            syn::Meta::NameValue(name_value) => name_value.path = bare.into(),
        }
    }
    TakenOptions {
        options: errors.handle(FnOptions::from_attributes(&ours)),
        attribute,
    }
}
