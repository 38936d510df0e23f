//! Model → checked model: selectors checked and given each pass's defaults.

use quote::quote;
use syn::ext::IdentExt;
use syn::{Item, Visibility};

use super::parse::{Pass, PassKind};
use crate::common::errors::Errors;
use crate::common::source_text::source_text;
use crate::common::suggest::{did_you_mean, listed};
use crate::common::warning::Warnings;
use crate::instrument::glob_matches;

pub const ITEM_KINDS: &[&str] = &[
    "fn", "struct", "enum", "trait", "impl", "const", "static", "type", "mod", "all",
];

pub struct CheckedPass {
    pub pass: Pass,
    /// The item kinds selected: `fn`, `struct`, ... (never `all`: it is expanded).
    pub kinds: Vec<&'static str>,
    pub only_pub: bool,
    pub include: Option<String>,
    pub exclude: Option<String>,
}

pub fn validate(passes: Vec<Pass>, errors: &mut Errors) -> Vec<CheckedPass> {
    passes.into_iter().map(|pass| check(pass, errors)).collect()
}

fn check(pass: Pass, errors: &mut Errors) -> CheckedPass {
    let default_kinds: &[&'static str] = match &pass.kind {
        PassKind::Derive(_) => &["struct", "enum"],
        PassKind::Instrument { .. } => &["fn", "impl"],
        _ => &ITEM_KINDS[..ITEM_KINDS.len() - 1],
    };
    let kinds: Vec<&'static str> = match &pass.selector.on {
        None => default_kinds.to_vec(),
        Some(on) => match ITEM_KINDS.iter().copied().find(|kind| *kind == on.value()) {
            Some("all") => default_kinds.to_vec(),
            Some(kind) => {
                if !default_kinds.contains(&kind) {
                    errors.spanned(
                        on,
                        format!(
                            "`{}` cannot apply to `{kind}` items; it applies to {}",
                            pass.name,
                            default_kinds.join(", ")
                        ),
                    );
                }
                vec![kind]
            }
            None => {
                errors.spanned(
                    on,
                    format!(
                        "`on = {:?}` is not an item kind{}; write one of {}",
                        on.value(),
                        did_you_mean(&on.value(), ITEM_KINDS.iter().copied()),
                        ITEM_KINDS.join(", ")
                    ),
                );
                default_kinds.to_vec()
            }
        },
    };
    let only_pub = match &pass.selector.only {
        None => false,
        Some(only) if only.value() == "pub" => true,
        Some(only) => {
            errors.spanned(
                only,
                format!(
                    "`only = {:?}` is not a filter; write `only = \"pub\"`",
                    only.value()
                ),
            );
            false
        }
    };
    let glob = |glob: &Option<syn::LitStr>, errors: &mut Errors| {
        glob.as_ref().map(|glob| {
            let text = glob.value();
            if text.is_empty() || text.contains(['[', ']', '{', '}']) {
                errors.spanned(
                    glob,
                    format!("{text:?} is not a supported glob: use names with `*` and `?`, e.g. \"make_*\""),
                );
            }
            text
        })
    };
    let include = glob(&pass.selector.include, errors);
    let exclude = glob(&pass.selector.exclude, errors);
    CheckedPass {
        pass,
        kinds,
        only_pub,
        include,
        exclude,
    }
}

/// The item's kind, name and visibility, as selectors see them.
pub fn describe(item: &Item) -> Option<(&'static str, String, Option<&Visibility>)> {
    Some(match item {
        Item::Fn(item) => ("fn", item.sig.ident.unraw().to_string(), Some(&item.vis)),
        Item::Struct(item) => ("struct", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Enum(item) => ("enum", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Trait(item) => ("trait", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Impl(item) => {
            let self_ty = &item.self_ty;
            ("impl", source_text(quote!(#self_ty)), None)
        }
        // `const _` is not a named item (it is how macros, modsmith's warnings included,
        // place code).
        Item::Const(item) if item.ident == "_" => return None,
        Item::Const(item) => ("const", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Static(item) => ("static", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Type(item) => ("type", item.ident.unraw().to_string(), Some(&item.vis)),
        Item::Mod(item) => ("mod", item.ident.unraw().to_string(), Some(&item.vis)),
        _ => return None,
    })
}

/// Warns about an `include`/`exclude` glob that matches no item its pass could apply to,
/// anywhere in the module: such a selector has no effect, which is surely a typo.
pub fn unmatched_selectors(passes: &[CheckedPass], items: &[Item], warnings: &mut Warnings) {
    let mut described = Vec::new();
    collect_descriptions(items, &mut described);
    for pass in passes {
        // The `instrument` pass's globs choose the methods of `impl` blocks too.
        let instrument = matches!(pass.pass.kind, PassKind::Instrument { .. });
        let names: Vec<String> = described
            .iter()
            .filter(|(kind, _)| {
                if *kind == "method" {
                    instrument
                } else {
                    pass.kinds.contains(kind) && !(instrument && *kind == "impl")
                }
            })
            .map(|(_, name)| name.clone())
            .collect();
        let selector = &pass.pass.selector;
        for (option, glob) in [
            ("include", &selector.include),
            ("exclude", &selector.exclude),
        ] {
            let Some(glob) = glob else { continue };
            let text = glob.value();
            if names.iter().any(|name| glob_matches(&text, name)) {
                continue;
            }
            let effect = if option == "include" {
                "so the pass changes nothing"
            } else {
                "so it leaves nothing out"
            };
            warnings.at(
                glob.span(),
                format!(
                    "`{option} = {text:?}` matches none of the items `{}` applies to ({}), \
                     {effect}{}; check the pattern",
                    pass.pass.name,
                    listed(&names),
                    did_you_mean(&text, names.iter().map(String::as_str)),
                ),
            );
        }
    }
}

/// The kind and name of every item, in inline modules too.
fn collect_descriptions(items: &[Item], described: &mut Vec<(&'static str, String)>) {
    for item in items {
        if let Some((kind, name, _)) = describe(item) {
            described.push((kind, name));
        }
        if let Item::Impl(block) = item {
            for inner in &block.items {
                if let syn::ImplItem::Fn(method) = inner {
                    described.push(("method", method.sig.ident.unraw().to_string()));
                }
            }
        }
        if let Item::Mod(module) = item
            && let Some((_, inner)) = &module.content
        {
            collect_descriptions(inner, described);
        }
    }
}
