//! Tokens → model: the ordered list of passes and their selectors.

use darling::ast::NestedMeta;
use proc_macro2::TokenStream;
use syn::{Attribute, Expr, Lit, LitStr, Meta, Path};

use crate::common::errors::Errors;
use crate::common::suggest::did_you_mean;

pub const PASSES: &[&str] = &["derive", "instrument", "attr", "apply", "deprecate", "doc"];
const SELECTOR_KEYS: &[&str] = &["on", "only", "include", "exclude"];

/// One pass of the pipeline, as written.
pub struct Pass {
    pub kind: PassKind,
    /// The pass's name, for `#[transform(skip(name))]`.
    pub name: &'static str,
    pub selector: Selector,
}

pub enum PassKind {
    Derive(Vec<Path>),
    /// `instrument(..)`: options handed to `#[instrument]`, minus the selectors; the
    /// selectors are also handed over (as `block_filters`) when the item is an `impl` block,
    /// so they select its methods too.
    Instrument {
        options: TokenStream,
        block_filters: TokenStream,
    },
    Attr(Vec<Attribute>),
    Apply(Path),
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
    let items = match NestedMeta::parse_meta_list(args) {
        Ok(items) => items,
        Err(error) => {
            errors.push(error);
            return Vec::new();
        }
    };
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
    let Some(name) = PASSES.iter().copied().find(|pass| *pass == word) else {
        errors.spanned(
            meta.path(),
            format!(
                "unknown pass `{word}`{}; the passes are `derive(..)`, `instrument(..)`, `attr(..)`, \
                 `apply(..)`, `deprecate(..)` and `doc = \"..\"`",
                did_you_mean(&word, PASSES.iter().copied())
            ),
        );
        return None;
    };
    if name == "doc" {
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
        Meta::List(list) => match NestedMeta::parse_meta_list(list.tokens.clone()) {
            Ok(items) => items,
            Err(error) => {
                errors.push(error);
                return None;
            }
        },
        // Both mean something with every option left at its default.
        Meta::Path(_) if name == "deprecate" || name == "instrument" => Vec::new(),
        _ => {
            let example = match name {
                "derive" => "derive(Debug, Clone)",
                "attr" => "attr(\"#[must_use]\", on = \"fn\")",
                "deprecate" => "deprecate(note = \"use v2\")",
                "instrument" => "instrument(level = \"debug\")",
                _ => "apply(my_crate::audited, on = \"fn\")",
            };
            errors.spanned(
                meta,
                format!("`{name}` takes a list of what to apply, e.g. `{example}`"),
            );
            return None;
        }
    };
    let mut selector = Selector::default();
    let mut rest: Vec<&NestedMeta> = Vec::new();
    let mut block_filters: Vec<&NestedMeta> = Vec::new();
    for item in &list {
        if let NestedMeta::Meta(Meta::NameValue(name_value)) = item
            && let Some(key) = name_value.path.get_ident().map(ToString::to_string)
            && SELECTOR_KEYS.contains(&key.as_str())
        {
            if name == "instrument" && key != "on" {
                block_filters.push(item);
            }
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
            rest.push(item);
        }
    }
    let kind = match name {
        "derive" => {
            let mut traits = Vec::new();
            for item in rest {
                match item {
                    NestedMeta::Meta(Meta::Path(path)) => traits.push(path.clone()),
                    other => errors.spanned(other, "`derive(..)` lists traits (`Debug, Clone`) and selectors (`on = \"struct\"`)"),
                }
            }
            PassKind::Derive(traits)
        }
        "instrument" => PassKind::Instrument {
            options: quote::quote!(#( #rest ),*),
            block_filters: quote::quote!(#( #block_filters ),*),
        },
        "attr" => {
            let mut attrs = Vec::new();
            for item in rest {
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
        "apply" => match rest.as_slice() {
            [NestedMeta::Meta(Meta::Path(path))] => PassKind::Apply(path.clone()),
            _ => {
                errors.spanned(meta, "`apply(..)` takes the path of one attribute macro: `apply(my_crate::audited, on = \"fn\")`");
                return None;
            }
        },
        _ => {
            let mut note = None;
            for item in rest {
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
