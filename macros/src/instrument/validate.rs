//! Model → checked model: merged options checked against each function's signature.

use std::collections::BTreeSet;

use syn::ext::IdentExt;
use syn::{FnArg, Pat, Signature, Visibility};

use super::parse::{ErrOption, Options, Skip};
use crate::common::errors::Errors;
use crate::common::suggest::{did_you_mean, listed};
use crate::common::warning::Warnings;

const LEVELS: &[&str] = &["trace", "debug", "info", "warn", "error"];

/// Parameter names recorded as `"***"` whatever their type (case-insensitive substring).
const SECRET_NAMES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "auth",
    "credential",
];

/// How one function is instrumented.
pub struct Plan {
    pub span_name: String,
    /// `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR`.
    pub level: &'static str,
    pub target: Option<String>,
    pub fields: Vec<Field>,
    pub ret: bool,
    pub err: Option<ErrOption>,
    pub time: bool,
}

pub struct Field {
    pub name: String,
    pub ident: syn::Ident,
    pub redacted: bool,
}

/// A function's own options over its block's: the function's keys win.
pub fn merge(block: &Options, own: &Options) -> Options {
    Options {
        level: own.level.clone().or_else(|| block.level.clone()),
        target: own.target.clone().or_else(|| block.target.clone()),
        name: own.name.clone(),
        skip: own.skip.clone().or_else(|| block.skip.clone()),
        skip_all: if own.skip_all.is_present() {
            own.skip_all.clone()
        } else {
            block.skip_all.clone()
        },
        args: own.args.clone().or_else(|| block.args.clone()),
        ret: if own.ret.is_present() {
            own.ret.clone()
        } else {
            block.ret.clone()
        },
        err: own.err.clone().or_else(|| block.err.clone()),
        time: if own.time.is_present() {
            own.time.clone()
        } else {
            block.time.clone()
        },
        only: None,
        include: None,
        exclude: None,
        krate: None,
    }
}

/// Whether a block's `only`/`include`/`exclude` filters select the function.
pub fn selected(options: &Options, name: &str, vis: &Visibility) -> bool {
    if options
        .only
        .as_ref()
        .is_some_and(|only| only.value == "pub")
        && !matches!(vis, Visibility::Public(_))
    {
        return false;
    }
    if let Some(include) = &options.include
        && !glob_matches(&include.value, name)
    {
        return false;
    }
    if let Some(exclude) = &options.exclude
        && glob_matches(&exclude.value, name)
    {
        return false;
    }
    true
}

/// Checks a block's own options (filters), once.
pub fn check_block_options(options: &Options, errors: &mut Errors) {
    if let Some(only) = &options.only
        && only.value != "pub"
    {
        errors.at(
            only.key,
            format!(
                "`only = {:?}` is not a filter; write `only = \"pub\"`",
                only.value
            ),
        );
    }
    for glob in [&options.include, &options.exclude].into_iter().flatten() {
        if glob.value.is_empty() || glob.value.contains(['[', ']', '{', '}']) {
            errors.at(
                glob.key,
                format!(
                    "{:?} is not a supported glob: use names with `*` (any run of characters) and `?` \
                     (one character), e.g. \"get_*\"",
                    glob.value
                ),
            );
        }
    }
}

/// Warns about a block's `include`/`exclude` glob that matches none of its functions (`names`,
/// recursively): such a filter has no effect, which is surely a typo.
pub fn unmatched_filters(options: &Options, names: &[String], warnings: &mut Warnings) {
    for (option, glob) in [("include", &options.include), ("exclude", &options.exclude)] {
        let Some(glob) = glob else { continue };
        if names.iter().any(|name| glob_matches(&glob.value, name)) {
            continue;
        }
        let effect = if option == "include" {
            "so no function is instrumented"
        } else {
            "so it leaves nothing out"
        };
        warnings.at(
            glob.key,
            format!(
                "`{option} = {:?}` matches none of the functions here ({}), {effect}{}; check the pattern",
                glob.value,
                listed(names),
                did_you_mean(&glob.value, names.iter().map(String::as_str)),
            ),
        );
    }
}

/// `*` matches any run of characters, `?` one character.
pub fn glob_matches(glob: &str, name: &str) -> bool {
    fn matches(glob: &[char], name: &[char]) -> bool {
        match glob.split_first() {
            None => name.is_empty(),
            Some(('*', rest)) => (0..=name.len()).any(|skip| matches(rest, &name[skip..])),
            Some(('?', rest)) => !name.is_empty() && matches(rest, &name[1..]),
            Some((c, rest)) => name.first() == Some(c) && matches(rest, &name[1..]),
        }
    }
    let glob: Vec<char> = glob.chars().collect();
    let name: Vec<char> = name.chars().collect();
    matches(&glob, &name)
}

/// Checks the merged options against one function and plans its span.
pub fn plan(
    options: &Options,
    sig: &Signature,
    span_name: String,
    redacted: &BTreeSet<String>,
    errors: &mut Errors,
) -> Plan {
    let level = match &options.level {
        None => "INFO",
        Some(level) => match level.value.to_ascii_lowercase().as_str() {
            "trace" => "TRACE",
            "debug" => "DEBUG",
            "info" => "INFO",
            "warn" => "WARN",
            "error" => "ERROR",
            other => {
                errors.at(
                    level.key,
                    format!(
                        "`{other}` is not a level{}; write one of \"trace\", \"debug\", \"info\", \"warn\", \"error\"",
                        did_you_mean(other, LEVELS.iter().copied())
                    ),
                );
                "INFO"
            }
        },
    };
    let params: Vec<&syn::Ident> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(pat) => Some(&pat.ident),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    let names: Vec<String> = params
        .iter()
        .map(|ident| ident.unraw().to_string())
        .collect();
    let check_names = |list: &[syn::Ident], option: &str, errors: &mut Errors| {
        for ident in list {
            let name = ident.unraw().to_string();
            if !names.contains(&name) {
                errors.spanned(
                    ident,
                    format!(
                        "`{name}` in `{option}(..)` is not a parameter of `{}`{}",
                        sig.ident,
                        did_you_mean(&name, names.iter().map(String::as_str))
                    ),
                );
            }
        }
    };
    let mut skipped: BTreeSet<String> = BTreeSet::new();
    if let Some(skip) = &options.skip
        && let Skip::Args(list) = &skip.value
    {
        check_names(list, "skip", errors);
        skipped.extend(list.iter().map(|ident| ident.unraw().to_string()));
    }
    let only_args: Option<BTreeSet<String>> = options.args.as_ref().map(|args| {
        check_names(&args.value.0, "args", errors);
        args.value
            .0
            .iter()
            .map(|ident| ident.unraw().to_string())
            .collect()
    });
    let fields = if options.skip_all.is_present() {
        Vec::new()
    } else {
        params
            .iter()
            .filter(|ident| {
                let name = ident.unraw().to_string();
                !skipped.contains(&name)
                    && only_args.as_ref().is_none_or(|only| only.contains(&name))
            })
            .map(|ident| {
                let name = ident.unraw().to_string();
                let lowercase = name.to_ascii_lowercase();
                Field {
                    redacted: redacted.contains(&name)
                        || SECRET_NAMES.iter().any(|secret| lowercase.contains(secret)),
                    ident: (*ident).clone(),
                    name,
                }
            })
            .collect()
    };
    Plan {
        span_name: options
            .name
            .as_ref()
            .map(|name| name.value.clone())
            .unwrap_or(span_name),
        level,
        target: options.target.as_ref().map(|target| target.value.clone()),
        fields,
        ret: options.ret.is_present(),
        err: options.err.as_ref().map(|err| err.value),
        time: options.time.is_present(),
    }
}
