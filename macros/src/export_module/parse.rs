//! Tokens → model: the attribute's options and each item's `#[export(..)]`, which are taken
//! off the items (rustc does not know them).

use darling::{FromAttributes, FromMeta};
use proc_macro2::TokenStream;
use syn::Attribute;

use crate::common::errors::Errors;
use crate::common::items::is_attribute;
use crate::common::options::{CratePath, Keyed, Switch, Text, meta_items};

/// `#[export_module(..)]`.
#[derive(FromMeta, Default)]
pub struct ModuleOptions {
    /// `name = ".."`: the `DynModule`'s name, instead of the module's.
    pub name: Option<Keyed<Text>>,
    /// `crate = path`: where `modsmith` is, when renamed.
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
}

/// `#[export(..)]` on an item.
#[derive(FromAttributes, Default)]
#[darling(attributes(export))]
pub struct ItemOptions {
    /// Leave the item out of `module()`.
    pub skip: Switch,
    /// `rename = ".."`: its name in `module()`.
    pub rename: Option<Keyed<Text>>,
}

/// The attribute's options; each item's are read by `validate` as it reaches the item.
pub struct Parsed {
    pub options: ModuleOptions,
}

/// Reads the attribute's options. `None` when they do not parse at all.
pub fn parse(args: TokenStream, errors: &mut Errors) -> Option<Parsed> {
    let items = meta_items(args, errors)?;
    let options = errors.handle(ModuleOptions::from_list(&items))?;
    Some(Parsed { options })
}

/// Takes the `#[export(..)]` attributes off an item's and reads them.
pub fn take_item_options(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> ItemOptions {
    if !attrs.iter().any(|attr| is_attribute(attr, "export")) {
        return ItemOptions::default();
    }
    let (ours, theirs): (Vec<_>, Vec<_>) = attrs
        .drain(..)
        .partition(|attr| is_attribute(attr, "export"));
    *attrs = theirs;
    errors
        .handle(ItemOptions::from_attributes(&ours))
        .unwrap_or_default()
}
