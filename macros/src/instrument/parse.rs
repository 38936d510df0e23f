//! Tokens → model: `#[instrument(..)]` options, on the item itself and on the functions
//! inside an instrumented `impl` or `mod`.

use std::collections::BTreeMap;

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::{Attribute, Expr, ExprLit, FnArg, Ident, Lit, LitStr, Meta, Path, Signature};

use crate::common::errors::Errors;
use crate::common::keywords::keywords;
use crate::common::options::{CratePath, Keyed, Switch, Text, meta_items};

/// `#[instrument(..)]`'s options. Every key is optional, so that a function's own options
/// can be merged over its block's.
#[derive(FromMeta, Default, Clone)]
pub struct Options {
    pub level: Option<Keyed<Level>>,
    pub target: Option<Keyed<Text>>,
    pub name: Option<Keyed<Text>>,
    pub skip: Option<Keyed<Skip>>,
    pub skip_all: Switch,
    pub args: Option<Keyed<Names>>,
    pub ret: Switch,
    pub err: Option<Keyed<ErrOption>>,
    pub time: Switch,
    /// The selectors of a block, kept as written for `common::selector` to check.
    pub only: Option<Keyed<LitStr>>,
    pub include: Option<Keyed<LitStr>>,
    pub exclude: Option<Keyed<LitStr>>,
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
}

keywords! {
    /// A span's level: one table for reading it, naming the `tracing::Level` constant, and
    /// the message that lists them.
    pub enum Level {
        Trace = "trace",
        Debug = "debug",
        Info = "info",
        Warn = "warn",
        Error = "error",
    }
}

impl Level {
    /// The `tracing::Level` constant: `INFO`.
    pub fn constant(self) -> String {
        self.name().to_ascii_uppercase()
    }
}

impl FromMeta for Level {
    /// As `#[tracing::instrument]` reads it: `"debug"` (any case), `Level::DEBUG`,
    /// `tracing::Level::DEBUG`, or `1` (trace) to `5` (error).
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let Meta::NameValue(name_value) = item else {
            return Err(level_expected("").with_span(item));
        };
        let written = without_groups(&name_value.value);
        let level = match written {
            Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) => Level::from_name(&text.value().to_ascii_lowercase()),
            Expr::Lit(ExprLit {
                lit: Lit::Int(number),
                ..
            }) => match number.base10_parse::<u8>() {
                Ok(1) => Some(Level::Trace),
                Ok(2) => Some(Level::Debug),
                Ok(3) => Some(Level::Info),
                Ok(4) => Some(Level::Warn),
                Ok(5) => Some(Level::Error),
                _ => None,
            },
            Expr::Path(path) if path.qself.is_none() => level_constant(&path.path),
            _ => None,
        };
        level.ok_or_else(|| {
            let text = match written {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => text.value(),
                other => crate::common::source_text::source_text(quote::quote!(#other)),
            };
            level_expected(&text).with_span(written)
        })
    }
}

/// `Level::DEBUG`, `tracing::Level::DEBUG` or `::tracing::Level::DEBUG`.
fn level_constant(path: &Path) -> Option<Level> {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let constant = match segments.as_slice() {
        [level, constant] if level == "Level" => constant,
        [tracing, level, constant] if tracing == "tracing" && level == "Level" => constant,
        _ => return None,
    };
    let level = Level::from_name(&constant.to_ascii_lowercase())?;
    (level.constant() == *constant).then_some(level)
}

/// The expression inside invisible groups (what `macro_rules!` wraps an `$x:expr` in).
fn without_groups(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => without_groups(&group.expr),
        other => other,
    }
}

fn level_expected(text: &str) -> darling::Error {
    let listed: Vec<String> = Level::names().map(|name| format!("{name:?}")).collect();
    darling::Error::custom(format!(
        "`{text}` is not a level{}; write one of {}, a `tracing::Level` such as \
         `Level::DEBUG`, or 1 (trace) to 5 (error)",
        Level::did_you_mean(&text.to_ascii_lowercase()),
        listed.join(", ")
    ))
}

/// `skip` alone (leave this function out of its block's instrumentation) or `skip(a, b)`.
#[derive(Clone)]
pub enum Skip {
    Function,
    Args(Vec<Ident>),
}

impl FromMeta for Skip {
    fn from_word() -> darling::Result<Self> {
        Ok(Skip::Function)
    }

    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        Names::from_list(items).map(|names| Skip::Args(names.0))
    }
}

/// A list of parameter names: `args(a, b)`.
#[derive(Clone)]
pub struct Names(pub Vec<Ident>);

impl FromMeta for Names {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let names = items
            .iter()
            .filter_map(|item| {
                errors.handle(match item {
                    NestedMeta::Meta(Meta::Path(path)) if path.get_ident().is_some() => {
                        Ok(path.get_ident().cloned())
                    }
                    other => {
                        Err(darling::Error::custom("expected a parameter name").with_span(other))
                    }
                })
            })
            .flatten()
            .collect();
        errors.finish_with(Names(names))
    }
}

/// `err` (record errors with `Display`) or `err(Debug)` / `err(Display)`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ErrOption {
    Display,
    Debug,
}

impl FromMeta for ErrOption {
    fn from_word() -> darling::Result<Self> {
        Ok(ErrOption::Display)
    }

    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        match items {
            [NestedMeta::Meta(Meta::Path(path))] if path.is_ident("Debug") => Ok(ErrOption::Debug),
            [NestedMeta::Meta(Meta::Path(path))] if path.is_ident("Display") => {
                Ok(ErrOption::Display)
            }
            _ => Err(darling::Error::custom(
                "write `err`, `err(Display)` or `err(Debug)`",
            )),
        }
    }
}

/// The attribute's own arguments.
pub fn parse_args(args: TokenStream, errors: &mut Errors) -> Options {
    meta_items(args, errors)
        .and_then(|items| errors.handle(Options::from_list(&items)))
        .unwrap_or_default()
}

/// The options of a function's own `#[instrument(..)]` attributes inside a block (the last
/// one wins).
pub fn own_options(attrs: &[Attribute], krate: &Path, errors: &mut Errors) -> Options {
    let mut found = Options::default();
    for attr in attrs
        .iter()
        .filter(|attr| is_instrument_attribute(attr, krate))
    {
        found = match &attr.meta {
            Meta::Path(_) => Options::default(),
            meta => errors.handle(Options::from_meta(meta)).unwrap_or_default(),
        };
    }
    found
}

/// This macro's attribute on a function inside a block: `#[instrument]`,
/// `#[modsmith::instrument]`, `#[::modsmith::instrument]`, or the same through the renamed
/// crate (`crate = path`). Not another crate's `#[tracing::instrument]`, which is left for the
/// compiler to expand.
pub fn is_instrument_attribute(attr: &Attribute, krate: &Path) -> bool {
    let path = attr.path();
    if path.is_ident(INSTRUMENT) {
        return true;
    }
    let Some((last, prefix)) =
        path.segments
            .iter()
            .collect::<Vec<_>>()
            .split_last()
            .map(|(last, prefix)| {
                (
                    last.ident.to_string(),
                    prefix
                        .iter()
                        .map(|s| s.ident.to_string())
                        .collect::<Vec<_>>(),
                )
            })
    else {
        return false;
    };
    let crate_segments: Vec<String> = krate
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    last == INSTRUMENT && (prefix == ["modsmith"] || prefix == crate_segments)
}

const INSTRUMENT: &str = "instrument";

/// How a parameter's value is recorded, when its attributes say so; otherwise its name
/// decides (`modsmith_redact::is_secret_name`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Recording {
    /// `#[redact]`: as `"***"`.
    Redacted,
    /// `#[no_redact]`: as it is, though its name looks like a secret's.
    InClear,
}

/// The parameters marked `#[redact]` or `#[no_redact]`, by name.
pub fn recordings(sig: &Signature, errors: &mut Errors) -> BTreeMap<String, Recording> {
    let mut recordings = BTreeMap::new();
    for input in &sig.inputs {
        let FnArg::Typed(typed) = input else { continue };
        let redact = typed.attrs.iter().find(|attr| attr.path().is_ident(REDACT));
        let no_redact = typed
            .attrs
            .iter()
            .find(|attr| attr.path().is_ident(NO_REDACT));
        let recording = match (redact, no_redact) {
            (Some(_), None) => Recording::Redacted,
            (None, Some(_)) => Recording::InClear,
            (None, None) => continue,
            (Some(_), Some(second)) => {
                errors.spanned(
                    second,
                    "`#[redact]` and `#[no_redact]` contradict each other; keep one",
                );
                Recording::Redacted
            }
        };
        if let syn::Pat::Ident(pat) = &*typed.pat {
            recordings.insert(pat.ident.unraw().to_string(), recording);
        }
    }
    recordings
}

const REDACT: &str = "redact";
const NO_REDACT: &str = "no_redact";

/// Removes this macro's attributes from a function: its own `#[instrument(..)]` (inside a
/// block) and `#[redact]`/`#[no_redact]` on its parameters, which are ours, not the
/// compiler's.
pub fn strip_attributes(attrs: &mut Vec<Attribute>, sig: &mut Signature, krate: &Path) {
    attrs.retain(|attr| !is_instrument_attribute(attr, krate));
    for input in &mut sig.inputs {
        if let FnArg::Typed(typed) = input {
            typed.attrs.retain(|attr| !is_redact_attribute(attr));
        }
    }
}

fn is_redact_attribute(attr: &Attribute) -> bool {
    attr.path().is_ident(REDACT) || attr.path().is_ident(NO_REDACT)
}
