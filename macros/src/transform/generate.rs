//! Checked model → tokens: each pass applied, in order, to every matching item of the
//! module, recursively. Each pass is a function of one item.

use std::collections::BTreeSet;

use syn::{Attribute, Item, ItemMod, Meta};

use super::parse::PassKind;
use super::validate::{CheckedPass, Step};
use crate::common::crate_path::crate_path;
use crate::common::items::{attrs_mut, walk_mut};

/// Applies each item's steps, in order, to the items of the module, recursively: `steps` has
/// one entry per item, in the order `walk_mut` visits them (see `validate::select`).
pub fn transform_module(passes: &[CheckedPass], module: &mut ItemMod, steps: Vec<Vec<Step>>) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let mut steps = steps.into_iter();
    walk_mut(items, &(), &mut |item, _| {
        let item_steps = steps.next();
        debug_assert!(item_steps.is_some(), "an item was not planned for");
        for step in item_steps.unwrap_or_default() {
            if let Some(pass) = passes.get(step.pass) {
                apply(pass, step.instrument.as_ref(), item);
            }
        }
    });
    debug_assert!(steps.next().is_none(), "steps were left without their item");
}

fn apply(pass: &CheckedPass, instrument: Option<&crate::instrument::Plans>, item: &mut Item) {
    match &pass.pass.kind {
        PassKind::Derive(traits) => {
            let Some(attrs) = attrs_mut(item) else {
                return;
            };
            let present = derived(attrs);
            let missing: Vec<_> = traits
                .iter()
                .filter(|path| {
                    path.segments
                        .last()
                        .is_none_or(|last| !present.contains(&last.ident.to_string()))
                })
                .collect();
            if !missing.is_empty() {
                attrs.push(syn::parse_quote!(#[derive( #( #missing ),* )]));
            }
        }
        PassKind::Instrument(options) => {
            if let Some(plans) = instrument {
                let krate = crate_path(options.krate.as_ref().map(|krate| &krate.0));
                crate::instrument::generate(plans, &krate, item);
            }
        }
        PassKind::Attr(new) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.extend(new.iter().cloned());
            }
        }
        PassKind::Apply(applied) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.push((**applied).clone());
            }
        }
        PassKind::Deprecate(note) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.push(match note {
                    Some(note) => syn::parse_quote!(#[deprecated(note = #note)]),
                    None => syn::parse_quote!(#[deprecated]),
                });
            }
        }
        PassKind::Doc(text) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.push(syn::parse_quote!(#[doc = ""]));
                attrs.push(syn::parse_quote!(#[doc = #text]));
            }
        }
    }
}

/// The last path segment of every trait already in a `#[derive(..)]`.
fn derived(attrs: &[Attribute]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        if let Meta::List(list) = &attr.meta {
            let _ = list.parse_nested_meta(|meta| {
                if let Some(last) = meta.path.segments.last() {
                    names.insert(last.ident.to_string());
                }
                Ok(())
            });
        }
    }
    names
}
