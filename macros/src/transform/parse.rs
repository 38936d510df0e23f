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
use crate::common::options::meta_items;

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

/// The keys every pass takes besides its own.
const SELECTOR_KEYS: &[&str] = &["on", "only", "include", "exclude"];

/// One pass of the pipeline, as written.
pub struct Pass {
    pub kind: PassKind,
    /// The pass's name, for `#[transform(skip(name))]`.
    pub name: PassName,
    pub selector: Selector,
}

pub enum PassKind {
    Derive(Vec<Path>),
    /// `instrument(..)`: `#[instrument]`'s options, minus the selectors, which are the pass's
    /// own and choose the methods of an `impl` block too.
    Instrument(Box<crate::instrument::Options>),
    Attr(Vec<Attribute>),
    /// `apply(path)` or `apply(path(args))`: the attribute to add, already read as one.
    Apply(Attribute),
    Deprecate(Option<LitStr>),
    Doc(LitStr),
}

/// Which items a pass applies to. Unset fields take the pass's defaults.
#[derive(Default)]
pub struct Selector {
    pub on: Option<LitStr>,
    pub only: Option<LitStr>,
    pub include: Option<LitStr>,
    pub exclude: Option<LitStr>,
}

pub fn parse(args: TokenStream, errors: &mut Errors) -> Vec<Pass> {
    let items = meta_items(args, errors).unwrap_or_default();
    items
        .iter()
        .filter_map(|item| parse_pass(item, errors))
        .collect()
}

fn parse_pass(item: &NestedMeta, errors: &mut Errors) -> Option<Pass> {
    let NestedMeta::Meta(meta) = item else {
        errors.spanned(item, "expected a pass: `derive(..)`, `instrument(..)`, `attr(..)`, `apply(..)`, `deprecate(..)` or `doc = \"..\"`");
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
                "unknown pass `{word}`{}; the passes are `derive(..)`, `instrument(..)`, `attr(..)`, \
                 `apply(..)`, `deprecate(..)` and `doc = \"..\"`",
                PassName::did_you_mean(&word)
            ),
        );
        return None;
    };
    if name == PassName::Doc {
        return match meta {
            Meta::NameValue(name_value) => match &name_value.value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => Some(Pass {
                    kind: PassKind::Doc(text.clone()),
                    name,
                    selector: Selector::default(),
                }),
                other => {
                    errors.spanned(
                        other,
                        "write the text as a string: `doc = \"Part of the v1 API.\"`",
                    );
                    None
                }
            },
            _ => {
                errors.spanned(meta, "write `doc = \"..\"`");
                None
            }
        };
    }
    let list: Vec<NestedMeta> = match meta {
        Meta::List(list) => meta_items(list.tokens.clone(), errors)?,
        // Both mean something with every option left at its default.
        Meta::Path(_) if matches!(name, PassName::Deprecate | PassName::Instrument) => Vec::new(),
        _ => {
            let example = match name {
                PassName::Derive => "derive(Debug, Clone)",
                PassName::Attr => "attr(\"#[must_use]\", on = \"fn\")",
                PassName::Deprecate => "deprecate(note = \"use v2\")",
                PassName::Instrument => "instrument(level = \"debug\")",
                PassName::Apply | PassName::Doc => "apply(my_crate::audited, on = \"fn\")",
            };
            errors.spanned(
                meta,
                format!(
                    "`{}` takes a list of what to apply, e.g. `{example}`",
                    name.name()
                ),
            );
            return None;
        }
    };
    let mut selector = Selector::default();
    let mut rest: Vec<NestedMeta> = Vec::new();
    for item in &list {
        if let NestedMeta::Meta(Meta::NameValue(name_value)) = item
            && let Some(key) = name_value.path.get_ident().map(ToString::to_string)
            && SELECTOR_KEYS.contains(&key.as_str())
        {
            let Expr::Lit(syn::ExprLit {
                lit: Lit::Str(value),
                ..
            }) = &name_value.value
            else {
                errors.spanned(
                    &name_value.value,
                    format!("`{key}` takes a string, e.g. `{key} = \"fn\"`"),
                );
                continue;
            };
            let slot = match key.as_str() {
                "on" => &mut selector.on,
                "only" => &mut selector.only,
                "include" => &mut selector.include,
                _ => &mut selector.exclude,
            };
            *slot = Some(value.clone());
        } else {
            rest.push(item.clone());
        }
    }
    let kind = match name {
        PassName::Derive => {
            let mut traits = Vec::new();
            for item in &rest {
                match item {
                    NestedMeta::Meta(Meta::Path(path)) => traits.push(path.clone()),
                    other => errors.spanned(other, "`derive(..)` lists traits (`Debug, Clone`) and selectors (`on = \"struct\"`)"),
                }
            }
            PassKind::Derive(traits)
        }
        PassName::Instrument => {
            let options = errors
                .handle(crate::instrument::Options::from_list(&rest))
                .unwrap_or_default();
            PassKind::Instrument(Box::new(options))
        }
        PassName::Attr => {
            let mut attrs = Vec::new();
            for item in &rest {
                match item {
                    NestedMeta::Lit(Lit::Str(text)) => match text.parse_with(Attribute::parse_outer) {
                        Ok(parsed) if !parsed.is_empty() => attrs.extend(parsed),
                        _ => errors.spanned(
                            text,
                            format!("{:?} is not an attribute; write it as in code, e.g. \"#[must_use]\"", text.value()),
                        ),
                    },
                    other => errors.spanned(other, "`attr(..)` takes the attribute as a string: `attr(\"#[must_use]\", on = \"fn\")`"),
                }
            }
            PassKind::Attr(attrs)
        }
        PassName::Apply => match rest.as_slice() {
            [NestedMeta::Meta(applied @ (Meta::Path(_) | Meta::List(_)))] => {
                PassKind::Apply(applied_attribute(applied, errors)?)
            }
            _ => {
                errors.spanned(meta, "`apply(..)` takes the path of one attribute macro: `apply(my_crate::audited, on = \"fn\")`");
                return None;
            }
        },
        PassName::Deprecate | PassName::Doc => {
            let mut note = None;
            for item in &rest {
                match item {
                    NestedMeta::Meta(Meta::NameValue(name_value))
                        if name_value.path.is_ident("note") =>
                    {
                        match &name_value.value {
                            Expr::Lit(syn::ExprLit {
                                lit: Lit::Str(text),
                                ..
                            }) => note = Some(text.clone()),
                            other => errors.spanned(other, "`note` takes a string"),
                        }
                    }
                    other => {
                        errors.spanned(other, "`deprecate(..)` takes `note = \"..\"` and selectors")
                    }
                }
            }
            PassKind::Deprecate(note)
        }
    };
    Some(Pass {
        kind,
        name,
        selector,
    })
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
