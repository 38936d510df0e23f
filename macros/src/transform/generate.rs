//! Checked model → tokens: each pass applied, in order, to every matching item of the
//! module, recursively. Each pass is a function of one item.

use std::collections::BTreeSet;

use quote::{ToTokens, quote};
use syn::{Attribute, Item, Meta, Visibility};

use super::parse::PassKind;
use super::validate::{CheckedPass, describe};
use crate::common::errors::Errors;
use crate::instrument::glob_matches;

/// Applies the passes to the items of `items`, recursing into inline modules. A module's
/// opt-out (`#[transform(skip)]`, `#[transform(skip(derive))]`) covers its contents too.
pub fn transform_items(passes: &[&CheckedPass], items: &mut [Item], errors: &mut Errors) {
    for item in items.iter_mut() {
        let skipped = take_opt_outs(item, errors);
        let skips = |pass: &CheckedPass| {
            skipped
                .as_ref()
                .is_some_and(|skipped| skipped.is_empty() || skipped.contains(pass.pass.name))
        };
        let remaining: Vec<&CheckedPass> =
            passes.iter().copied().filter(|pass| !skips(pass)).collect();
        if let Item::Mod(module) = item
            && let Some((_, inner)) = &mut module.content
        {
            transform_items(&remaining, inner, errors);
        }
        for pass in remaining {
            if selects(pass, item) {
                apply(pass, item, errors);
            }
        }
    }
}

/// `#[transform(skip)]` (all passes) or `#[transform(skip(derive, ..))]`, removed from the
/// item. `None`: no opt-out; `Some(empty)`: every pass skipped.
fn take_opt_outs(item: &mut Item, errors: &mut Errors) -> Option<BTreeSet<&'static str>> {
    let attrs = item_attrs(item)?;
    let mut skipped: Option<BTreeSet<&'static str>> = None;
    attrs.retain(|attr| {
        let is_ours = attr
            .path()
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "transform");
        if !is_ours {
            return true;
        }
        let mut names = BTreeSet::new();
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("skip") {
                return Err(
                    meta.error("on an item, `#[transform(..)]` takes `skip` or `skip(pass, ..)`")
                );
            }
            if meta.input.is_empty() || meta.input.peek(syn::Token![,]) {
                return Ok(());
            }
            meta.parse_nested_meta(|pass| {
                let word = pass
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match super::parse::PASSES
                    .iter()
                    .copied()
                    .find(|known| *known == word)
                {
                    Some(known) => {
                        names.insert(known);
                        Ok(())
                    }
                    None => Err(pass.error(format!(
                        "unknown pass `{word}`{}",
                        crate::common::suggest::did_you_mean(
                            &word,
                            super::parse::PASSES.iter().copied()
                        )
                    ))),
                }
            })
        });
        match result {
            Ok(()) => skipped = Some(names),
            Err(error) => errors.push(error),
        }
        false
    });
    skipped
}

fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Fn(item) => &mut item.attrs,
        Item::Struct(item) => &mut item.attrs,
        Item::Enum(item) => &mut item.attrs,
        Item::Trait(item) => &mut item.attrs,
        Item::Impl(item) => &mut item.attrs,
        Item::Const(item) => &mut item.attrs,
        Item::Static(item) => &mut item.attrs,
        Item::Type(item) => &mut item.attrs,
        Item::Mod(item) => &mut item.attrs,
        _ => return None,
    })
}

fn selects(pass: &CheckedPass, item: &Item) -> bool {
    let Some((kind, name, vis)) = describe(item) else {
        return false;
    };
    // The `instrument` pass hands its globs to `#[instrument]` on an `impl` block, where
    // they choose methods; the block's type name is not what they are about.
    let globs_apply = !(kind == "impl" && matches!(pass.pass.kind, PassKind::Instrument { .. }));
    if !globs_apply {
        return pass.kinds.contains(&kind);
    }
    pass.kinds.contains(&kind)
        && (!pass.only_pub || vis.is_none_or(|vis| matches!(vis, Visibility::Public(_))))
        && pass
            .include
            .as_ref()
            .is_none_or(|glob| glob_matches(glob, &name))
        && pass
            .exclude
            .as_ref()
            .is_none_or(|glob| !glob_matches(glob, &name))
}

fn apply(pass: &CheckedPass, item: &mut Item, errors: &mut Errors) {
    match &pass.pass.kind {
        PassKind::Derive(traits) => {
            let Some(attrs) = item_attrs(item) else {
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
        PassKind::Instrument {
            options,
            block_filters,
        } => {
            // A module is a block: its `const fn`s are left alone, as `#[instrument]` on the
            // module would (targeted one by one they would be errors).
            if let Item::Fn(function) = item
                && function.sig.constness.is_some()
            {
                return;
            }
            let options = match item {
                Item::Impl(_) if !block_filters.is_empty() && !options.is_empty() => {
                    quote!(#options, #block_filters)
                }
                Item::Impl(_) if !block_filters.is_empty() => block_filters.clone(),
                _ => options.clone(),
            };
            let tokens = item.to_token_stream();
            match crate::instrument::expand_quietly(options, tokens).into_result() {
                Ok(tokens) => match syn::parse2(tokens) {
                    Ok(instrumented) => *item = instrumented,
                    Err(error) => errors.push(error),
                },
                Err(error) => errors.push(error),
            }
        }
        PassKind::Attr(new) => {
            if let Some(attrs) = item_attrs(item) {
                attrs.extend(new.iter().cloned());
            }
        }
        PassKind::Apply(path) => {
            if let Some(attrs) = item_attrs(item) {
                attrs.push(syn::parse_quote!(#[#path]));
            }
        }
        PassKind::Deprecate(note) => {
            if let Some(attrs) = item_attrs(item) {
                attrs.push(match note {
                    Some(note) => syn::parse_quote!(#[deprecated(note = #note)]),
                    None => syn::parse_quote!(#[deprecated]),
                });
            }
        }
        PassKind::Doc(text) => {
            if let Some(attrs) = item_attrs(item) {
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
