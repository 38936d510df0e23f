//! Checked model → tokens: each pass applied, in order, to every matching item of the
//! module, recursively. Each pass is a function of one item.

use std::collections::BTreeSet;

use syn::{Attribute, Item, ItemMod, Meta};

use super::parse::{OptOut, PassKind};
use super::validate::CheckedPass;
use crate::common::errors::Errors;
use crate::common::items::{attrs_mut, walk_mut};
use crate::common::members;
use crate::common::selector::Selector;

/// Applies the passes to the items of the module, recursing into inline modules. `opt_outs`
/// has one entry per item, in the order `walk_mut` visits them (see
/// `parse::take_opt_outs`); a module's opt-out covers its contents too.
pub fn transform_module(
    passes: &[CheckedPass],
    module: &mut ItemMod,
    opt_outs: Vec<OptOut>,
    krate: &syn::Path,
    errors: &mut Errors,
) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let mut opt_outs = opt_outs.into_iter();
    let all: Vec<&CheckedPass> = passes.iter().collect();
    walk_mut(items, &all, &mut |item, passes: &Vec<&CheckedPass>| {
        let opt_out = opt_outs.next().unwrap_or_default();
        let remaining: Vec<&CheckedPass> = passes
            .iter()
            .copied()
            .filter(|pass| !opt_out.skips(pass.name()))
            .collect();
        let selected = members::member(item).map_or(Vec::new(), |member| {
            remaining
                .iter()
                .copied()
                .filter(|pass| pass.selects(&member))
                .collect()
        });
        for pass in selected {
            apply(pass, item, krate, errors);
        }
        remaining
    });
}

fn apply(pass: &CheckedPass, item: &mut Item, krate: &syn::Path, errors: &mut Errors) {
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
            // A module is a block: its `const fn`s are left alone, as `#[instrument]` on the
            // module would (targeted one by one they would be errors).
            if let Item::Fn(function) = item
                && function.sig.constness.is_some()
            {
                return;
            }
            // The pass's selector chooses the methods of an `impl` block; a function was
            // chosen by it already.
            let selector = match item {
                Item::Impl(_) => pass.selector.clone(),
                _ => Selector::default(),
            };
            let block = crate::instrument::BlockOptions {
                options: (**options).clone(),
                selector,
            };
            let taken = std::mem::replace(item, Item::Verbatim(Default::default()));
            let model = crate::instrument::check(&block, krate.clone(), taken, errors, None);
            *item = crate::instrument::generate(model);
        }
        PassKind::Attr(new) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.extend(new.iter().cloned());
            }
        }
        PassKind::Apply(path) => {
            if let Some(attrs) = attrs_mut(item) {
                attrs.push(syn::parse_quote!(#[#path]));
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
