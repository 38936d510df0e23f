//! Tokens → model: the ordered list of passes and their selectors, and the opt-outs
//! (`#[transform(skip ..)]`) written on the module's items.

use std::collections::BTreeSet;

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;
use syn::{Attribute, Expr, Item, ItemMod, Lit, LitStr, Meta, Path};

use crate::common::errors::Errors;
use crate::common::items::{attrs_mut, is_attribute, walk_mut};
use crate::common::keywords::keywords;
use crate::common::options::{CratePath, meta_items};
use crate::common::suggest::{all_of, either};

keywords! {
    /// The passes, one table for reading them, `skip(..)` and messages.
    #[derive(PartialOrd, Ord)]
    pub enum PassName {
        Derive = "derive",
        Instrument = "instrument",
        Attr = "attr",
        Apply = "apply",
        Deprecate = "deprecate",
        Doc = "doc",
    }
}

impl PassName {
    /// How the pass is written, for messages: `derive(..)`, `doc = ".."`.
    fn usage(self) -> String {
        match self {
            PassName::Doc => "`doc = \"..\"`".to_owned(),
            pass => format!("`{}(..)`", pass.name()),
        }
    }

    /// A pass written out in full, for messages.
    fn example(self) -> &'static str {
        match self {
            PassName::Derive => "derive(Debug, Clone)",
            PassName::Instrument => "instrument(level = \"debug\")",
            PassName::Attr => "attr(\"#[must_use]\", on = \"fn\")",
            PassName::Apply => "apply(my_crate::audited, on = \"fn\")",
            PassName::Deprecate => "deprecate(note = \"use v2\")",
            PassName::Doc => "doc = \"Part of the v1 API.\"",
        }
    }
}

keywords! {
    /// The keys every pass takes besides its own.
    pub enum SelectorKey {
        On = "on",
        Only = "only",
        Include = "include",
        Exclude = "exclude",
    }
}

/// One pass of the pipeline, as written.
pub struct Pass {
    pub kind: PassKind,
    /// The pass's name, for `#[transform(skip(name))]`.
    pub name: PassName,
    pub selector: WrittenSelector,
}

pub enum PassKind {
    Derive(Vec<Path>),
    /// `instrument(..)`: `#[instrument]`'s options, minus the selectors, which are the pass's
    /// own and choose the methods of an `impl` block too.
    Instrument(Box<crate::instrument::Options>),
    Attr(Vec<Attribute>),
    /// `apply(path)` or `apply(path(args))`: the attribute to add, already read as one.
    Apply(Box<Attribute>),
    Deprecate(Option<LitStr>),
    Doc(LitStr),
}

/// Which items a pass applies to, as written (`common::selector` checks them). Unset fields
/// take the pass's defaults.
#[derive(Default)]
pub struct WrittenSelector {
    pub on: Option<LitStr>,
    pub only: Option<LitStr>,
    pub include: Option<LitStr>,
    pub exclude: Option<LitStr>,
}

pub fn parse(args: TokenStream, errors: &mut Errors) -> Vec<Pass> {
    let items = meta_items(args, errors).unwrap_or_default();
    let mut krate = None;
    let mut passes: Vec<Pass> = items
        .iter()
        .filter_map(|item| match item {
            // `crate = path`: where `modsmith` is, for the passes that name it (`instrument`).
            NestedMeta::Meta(meta) if meta.path().is_ident("crate") => {
                krate = errors.handle(CratePath::from_meta(meta));
                None
            }
            item => parse_pass(item, errors),
        })
        .collect();
    if let Some(krate) = krate {
        for pass in &mut passes {
            if let PassKind::Instrument(options) = &mut pass.kind {
                options.krate.get_or_insert_with(|| krate.clone());
            }
        }
    }
    passes
}

fn parse_pass(item: &NestedMeta, errors: &mut Errors) -> Option<Pass> {
    let passes: Vec<String> = PassName::ALL.iter().map(|pass| pass.usage()).collect();
    let NestedMeta::Meta(meta) = item else {
        errors.spanned(item, format!("expected a pass: {}", either(passes)));
        return None;
    };
    let word = meta
        .path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let Some(name) = PassName::from_name(&word) else {
        errors.spanned(
            meta.path(),
            format!(
                "unknown pass `{word}`{}; the passes are {}",
                PassName::did_you_mean(&word),
                all_of(passes)
            ),
        );
        return None;
    };
    match name {
        PassName::Doc => doc_pass(meta, errors),
        PassName::Derive => listed_pass(name, meta, errors, derive_kind),
        PassName::Instrument => listed_pass(name, meta, errors, instrument_kind),
        PassName::Attr => listed_pass(name, meta, errors, attr_kind),
        PassName::Apply => listed_pass(name, meta, errors, apply_kind),
        PassName::Deprecate => listed_pass(name, meta, errors, deprecate_kind),
    }
}

/// `doc = ".."`: a string, and no selectors.
fn doc_pass(meta: &Meta, errors: &mut Errors) -> Option<Pass> {
    let Meta::NameValue(name_value) = meta else {
        errors.spanned(meta, "write `doc = \"..\"`");
        return None;
    };
    match &name_value.value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Some(Pass {
            kind: PassKind::Doc(text.clone()),
            name: PassName::Doc,
            selector: WrittenSelector::default(),
        }),
        other => {
            errors.spanned(
                other,
                format!("write the text as a string: `{}`", PassName::Doc.example()),
            );
            None
        }
    }
}

/// A pass written as a list, `name(.., selectors)`: the selectors are read here, the rest of
/// the list by the pass's own `kind`.
fn listed_pass(
    name: PassName,
    meta: &Meta,
    errors: &mut Errors,
    kind: fn(&[NestedMeta], &Meta, &mut Errors) -> Option<PassKind>,
) -> Option<Pass> {
    let list: Vec<NestedMeta> = match meta {
        Meta::List(list) => meta_items(list.tokens.clone(), errors)?,
        // Both mean something with every option left at its default.
        Meta::Path(_) if matches!(name, PassName::Deprecate | PassName::Instrument) => Vec::new(),
        _ => {
            errors.spanned(
                meta,
                format!(
                    "`{}` takes a list of what to apply, e.g. `{}`",
                    name.name(),
                    name.example()
                ),
            );
            return None;
        }
    };
    let mut selector = WrittenSelector::default();
    let mut rest: Vec<NestedMeta> = Vec::new();
    for item in list {
        let key = match &item {
            NestedMeta::Meta(Meta::NameValue(name_value)) => name_value
                .path
                .get_ident()
                .and_then(|key| SelectorKey::from_name(&key.to_string()))
                .map(|key| (key, &name_value.value)),
            _ => None,
        };
        let Some((key, value)) = key else {
            rest.push(item);
            continue;
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(value),
            ..
        }) = value
        else {
            let key = key.name();
            errors.spanned(
                value,
                format!("`{key}` takes a string, e.g. `{key} = \"fn\"`"),
            );
            continue;
        };
        let slot = match key {
            SelectorKey::On => &mut selector.on,
            SelectorKey::Only => &mut selector.only,
            SelectorKey::Include => &mut selector.include,
            SelectorKey::Exclude => &mut selector.exclude,
        };
        *slot = Some(value.clone());
    }
    Some(Pass {
        kind: kind(&rest, meta, errors)?,
        name,
        selector,
    })
}

fn derive_kind(rest: &[NestedMeta], _: &Meta, errors: &mut Errors) -> Option<PassKind> {
    let mut traits = Vec::new();
    for item in rest {
        match item {
            NestedMeta::Meta(Meta::Path(path)) => traits.push(path.clone()),
            other => errors.spanned(
                other,
                "`derive(..)` lists traits (`Debug, Clone`) and selectors (`on = \"struct\"`)",
            ),
        }
    }
    Some(PassKind::Derive(traits))
}

fn instrument_kind(rest: &[NestedMeta], _: &Meta, errors: &mut Errors) -> Option<PassKind> {
    let options = errors
        .handle(crate::instrument::Options::from_list(rest))
        .unwrap_or_default();
    crate::instrument::block_options(&options, errors);
    Some(PassKind::Instrument(Box::new(options)))
}

fn attr_kind(rest: &[NestedMeta], _: &Meta, errors: &mut Errors) -> Option<PassKind> {
    let mut attrs = Vec::new();
    for item in rest {
        match item {
            NestedMeta::Lit(Lit::Str(text)) => match text.parse_with(Attribute::parse_outer) {
                Ok(parsed) if !parsed.is_empty() => attrs.extend(parsed),
                _ => errors.spanned(
                    text,
                    format!(
                        "{:?} is not an attribute; write it as in code, e.g. \"#[must_use]\"",
                        text.value()
                    ),
                ),
            },
            other => errors.spanned(
                other,
                format!(
                    "`attr(..)` takes the attribute as a string: `{}`",
                    PassName::Attr.example()
                ),
            ),
        }
    }
    Some(PassKind::Attr(attrs))
}

fn apply_kind(rest: &[NestedMeta], meta: &Meta, errors: &mut Errors) -> Option<PassKind> {
    match rest {
        [NestedMeta::Meta(applied @ (Meta::Path(_) | Meta::List(_)))] => {
            applied_attribute(applied, errors).map(|attribute| PassKind::Apply(Box::new(attribute)))
        }
        _ => {
            errors.spanned(
                meta,
                format!(
                    "`apply(..)` takes the path of one attribute macro: `{}`",
                    PassName::Apply.example()
                ),
            );
            None
        }
    }
}

fn deprecate_kind(rest: &[NestedMeta], _: &Meta, errors: &mut Errors) -> Option<PassKind> {
    let mut note = None;
    for item in rest {
        match item {
            NestedMeta::Meta(Meta::NameValue(name_value)) if name_value.path.is_ident("note") => {
                match &name_value.value {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(text),
                        ..
                    }) => note = Some(text.clone()),
                    other => errors.spanned(other, "`note` takes a string"),
                }
            }
            other => errors.spanned(other, "`deprecate(..)` takes `note = \"..\"` and selectors"),
        }
    }
    Some(PassKind::Deprecate(note))
}

/// `#[path]` or `#[path(args)]`, refused here when it is no attribute (`apply(extern)`), so
/// that generation only copies an attribute that was read as one.
fn applied_attribute(applied: &Meta, errors: &mut Errors) -> Option<Attribute> {
    let written = quote::quote!(#[#applied]);
    // `self`, `super` and `crate` lead a path; they never name the attribute itself.
    let names_a_macro = applied.path().segments.last().is_some_and(|last| {
        !["self", "super", "crate", "Self"]
            .iter()
            .any(|word| last.ident == word)
    });
    match Attribute::parse_outer.parse2(written) {
        Ok(mut attrs) if attrs.len() == 1 && names_a_macro => attrs.pop(),
        _ => {
            errors.spanned(
                applied.path(),
                format!(
                    "`{}` is not the path of an attribute macro; write one such as \
                     `apply(my_crate::audited)` or `apply(my_crate::audited(level = 2))`",
                    crate::common::source_text::source_text(applied.path().to_token_stream())
                ),
            );
            None
        }
    }
}

/// What an item opted out of: every pass (`#[transform(skip)]`) or the ones named
/// (`#[transform(skip(derive, ..))]`). A module's opt-out covers its contents too.
#[derive(Clone, Default)]
pub enum OptOut {
    #[default]
    Nothing,
    Every,
    Passes(BTreeSet<PassName>),
}

impl OptOut {
    pub fn skips(&self, pass: PassName) -> bool {
        match self {
            OptOut::Nothing => false,
            OptOut::Every => true,
            OptOut::Passes(passes) => passes.contains(&pass),
        }
    }
}

/// Removes the `#[transform(..)]` opt-outs from the module's items, recursively, and returns
/// them in the order `common::items::walk_mut` visits the items (one per item), which is the
/// order generation applies the passes in.
pub fn take_opt_outs(module: &mut ItemMod, errors: &mut Errors) -> Vec<OptOut> {
    let mut opt_outs = Vec::new();
    if let Some((_, items)) = &mut module.content {
        walk_mut(items, &(), &mut |item: &mut Item, _| {
            opt_outs.push(take_opt_out(item, errors));
        });
    }
    opt_outs
}

fn take_opt_out(item: &mut Item, errors: &mut Errors) -> OptOut {
    let Some(attrs) = attrs_mut(item) else {
        return OptOut::Nothing;
    };
    let mut opt_out = OptOut::Nothing;
    attrs.retain(|attr| {
        if !is_attribute(attr, "transform") {
            return true;
        }
        let mut names = BTreeSet::new();
        let mut every = false;
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("skip") {
                return Err(
                    meta.error("on an item, `#[transform(..)]` takes `skip` or `skip(pass, ..)`")
                );
            }
            if meta.input.is_empty() || meta.input.peek(syn::Token![,]) {
                every = true;
                return Ok(());
            }
            meta.parse_nested_meta(|pass| {
                let word = pass
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match PassName::from_name(&word) {
                    Some(known) => {
                        names.insert(known);
                        Ok(())
                    }
                    None => Err(pass.error(format!(
                        "unknown pass `{word}`{}",
                        PassName::did_you_mean(&word)
                    ))),
                }
            })
        });
        match result {
            Ok(()) if every => opt_out = OptOut::Every,
            Ok(()) => opt_out = OptOut::Passes(names),
            Err(error) => errors.push(error),
        }
        false
    });
    opt_out
}
