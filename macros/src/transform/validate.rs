//! Model → checked model: selectors checked and given each pass's defaults.

use super::parse::{Pass, PassKind};
use crate::common::errors::Errors;
use crate::common::suggest::did_you_mean;

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
