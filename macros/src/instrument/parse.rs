//! Tokens → model: `#[instrument(..)]` options, on the item itself and on the functions
//! inside an instrumented `impl` or `mod`.

use std::collections::BTreeMap;

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, FnArg, Ident, Lit, LitStr, Meta, Path, Signature};

use super::fields::Fields;
use crate::common::errors::Errors;
use crate::common::keywords::keywords;
use crate::common::options::{CratePath, Keyed, Switch, meta_items};

/// `#[instrument(..)]`'s options: every option of `#[tracing::instrument]`, with its meaning,
/// and modsmith's own (`args`, `time`, the selectors, `crate`). Every key is optional, so
/// that a function's own options can be merged over its block's.
#[derive(FromMeta, Default, Clone)]
pub struct Options {
    pub level: Option<Keyed<SpanLevel>>,
    pub target: Option<Keyed<Name>>,
    pub name: Option<Keyed<Name>>,
    pub parent: Option<Keyed<Expression>>,
    pub follows_from: Option<Keyed<Expression>>,
    pub skip: Option<Keyed<Skip>>,
    pub skip_all: Switch,
    pub fields: Option<Keyed<Fields>>,
    pub args: Option<Keyed<Names>>,
    pub ret: Option<Keyed<EventOptions>>,
    pub err: Option<Keyed<EventOptions>>,
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

/// A span's or event's level as written: one of the five, or a constant of the user's
/// (`level = MY_LEVEL`, as `#[tracing::instrument]` accepts), emitted as written.
#[derive(Clone)]
pub enum SpanLevel {
    /// One of the five; `written`: the path it was written as (`Level::DEBUG`), emitted as
    /// written on a single function, where the user's import of `Level` is then used as
    /// with `#[tracing::instrument]`.
    Known {
        level: Level,
        written: Option<Path>,
    },
    Constant(Path),
}

impl SpanLevel {
    pub fn known(level: Level) -> Self {
        SpanLevel::Known {
            level,
            written: None,
        }
    }

    /// The same level, read from tracing's path wherever it is used: what a block's
    /// functions take, since a nested module does not see the block's imports.
    pub fn as_read(&self) -> Self {
        match self {
            SpanLevel::Known { level, .. } => SpanLevel::known(*level),
            constant => constant.clone(),
        }
    }
}

impl FromMeta for SpanLevel {
    /// As `#[tracing::instrument]` reads it: `"debug"` (any case), `Level::DEBUG`,
    /// `tracing::Level::DEBUG`, `1` (trace) to `5` (error), or a constant.
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let Meta::NameValue(name_value) = item else {
            return Err(level_expected("").with_span(item));
        };
        let written = without_groups(&name_value.value);
        let level = match written {
            Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) => Level::from_name(&text.value().to_ascii_lowercase()).map(SpanLevel::known),
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
            }
            .map(SpanLevel::known),
            Expr::Path(path) if path.qself.is_none() => match level_constant(&path.path) {
                // `Level::LOUD`: a typo of one of the five, said here in words.
                LevelPath::Known(level) => Some(SpanLevel::Known {
                    level,
                    written: Some(path.path.clone()),
                }),
                LevelPath::Unknown => None,
                LevelPath::Other => Some(SpanLevel::Constant(path.path.clone())),
            },
            _ => None,
        };
        level.ok_or_else(|| {
            let (text, at) = match written {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => (text.value(), written.span()),
                // The constant after `Level::`, where the typo is.
                Expr::Path(path) => match path.path.segments.last() {
                    Some(last) => (last.ident.to_string(), last.ident.span()),
                    None => (String::new(), written.span()),
                },
                other => (
                    crate::common::source_text::source_text(quote::quote!(#other)),
                    written.span(),
                ),
            };
            level_expected(&text).with_span(&at)
        })
    }
}

/// What a path given as a level is.
enum LevelPath {
    /// `Level::DEBUG`, `tracing::Level::DEBUG` or `::tracing::Level::DEBUG`.
    Known(Level),
    /// `Level::` or `tracing::Level::` followed by no level's name.
    Unknown,
    /// Anything else: a constant of the user's.
    Other,
}

fn level_constant(path: &Path) -> LevelPath {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let constant = match segments.as_slice() {
        [level, constant] if level == "Level" => constant,
        [tracing, level, constant] if tracing == "tracing" && level == "Level" => constant,
        _ => return LevelPath::Other,
    };
    match Level::from_name(&constant.to_ascii_lowercase()) {
        Some(level) if level.constant() == *constant => LevelPath::Known(level),
        _ => LevelPath::Unknown,
    }
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
         `Level::DEBUG`, a constant of type `Level`, or 1 (trace) to 5 (error)",
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

/// How a `ret` or `err` event shows the value: `Debug` or `Display`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Display,
    Debug,
}

/// `ret` / `err` alone, or with a format and a level: `err(Debug, level = "warn")`.
#[derive(Clone, Default)]
pub struct EventOptions {
    /// `None`: the default (`Debug` for `ret`, `Display` for `err`).
    pub format: Option<Format>,
    /// `None`: the span's level for `ret`, `ERROR` for `err`.
    pub level: Option<SpanLevel>,
}

impl FromMeta for EventOptions {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let key = darling::util::path_to_string(item.path());
        let usage = || {
            format!(
                "write `{key}`, `{key}(Display)`, `{key}(Debug)`, `{key}(level = \"warn\")` or \
                 `{key}(Debug, level = \"warn\")`"
            )
        };
        let list = match item {
            Meta::Path(_) => return Ok(EventOptions::default()),
            Meta::NameValue(name_value) => {
                return Err(darling::Error::custom(usage()).with_span(&name_value.value));
            }
            Meta::List(list) => list,
        };
        let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
        let mut options = EventOptions::default();
        let mut errors = darling::Error::accumulator();
        for item in &items {
            match item {
                NestedMeta::Meta(Meta::Path(path))
                    if options.format.is_none()
                        && (path.is_ident("Debug") || path.is_ident("Display")) =>
                {
                    options.format = Some(if path.is_ident("Debug") {
                        Format::Debug
                    } else {
                        Format::Display
                    });
                }
                NestedMeta::Meta(meta @ Meta::NameValue(name_value))
                    if options.level.is_none() && name_value.path.is_ident("level") =>
                {
                    options.level = errors.handle(SpanLevel::from_meta(meta));
                }
                other => errors.push(darling::Error::custom(usage()).with_span(other)),
            }
        }
        errors.finish_with(options)
    }
}

/// A span's name or target: a string, or a constant of the user's (`name = MY_NAME`), as
/// `#[tracing::instrument]` accepts.
#[derive(Clone)]
pub enum Name {
    Text(LitStr),
    Constant(Path),
}

impl FromMeta for Name {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let key = darling::util::path_to_string(item.path());
        let expected = || {
            let (text, constant) = match key.as_str() {
                "target" => ("my_app::db", "MY_TARGET"),
                _ => ("load_user", "SPAN_NAME"),
            };
            darling::Error::custom(format!(
                "`{key}` takes a string in quotes, `{key} = \"{text}\"`, or a constant: \
                 `{key} = {constant}`"
            ))
        };
        let Meta::NameValue(name_value) = item else {
            return Err(expected().with_span(item));
        };
        match without_groups(&name_value.value) {
            Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) => Ok(Name::Text(text.clone())),
            Expr::Path(path) if path.qself.is_none() => Ok(Name::Constant(path.path.clone())),
            other => Err(expected().with_span(other)),
        }
    }
}

/// An expression, kept as written: `parent = expr`, `follows_from = expr`.
#[derive(Clone)]
pub struct Expression(pub Expr);

impl FromMeta for Expression {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        match item {
            Meta::NameValue(name_value) => Ok(Expression(name_value.value.clone())),
            other => {
                let key = darling::util::path_to_string(other.path());
                let example = match key.as_str() {
                    "follows_from" => "[cause.id()]",
                    _ => "request_span.id()",
                };
                Err(darling::Error::custom(format!(
                    "`{key}` takes an expression: `{key} = {example}`"
                ))
                .with_span(other))
            }
        }
    }
}

/// The attribute's own arguments.
pub fn parse_args(args: TokenStream, errors: &mut Errors) -> Options {
    meta_items(args, errors)
        .map(|items| from_items(items, errors))
        .unwrap_or_default()
}

/// The options from their items. A string alone is the span's name, as in
/// `#[tracing::instrument("name")]`.
fn from_items(items: Vec<NestedMeta>, errors: &mut Errors) -> Options {
    let mut positional = None;
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        match item {
            NestedMeta::Lit(Lit::Str(text)) => {
                if positional.is_some() {
                    errors.spanned(&text, "the span's name is given twice; keep one of them");
                }
                positional = Some(text);
            }
            other => keyed.push(other),
        }
    }
    let mut options = errors
        .handle(Options::from_list(&keyed))
        .unwrap_or_default();
    if let Some(text) = positional {
        match &options.name {
            Some(name) => errors.at(
                name.key,
                "the span's name is given twice, as a string first and as `name`; keep one of \
                 them",
            ),
            None => {
                options.name = Some(Keyed {
                    key: text.span(),
                    value: Name::Text(text),
                });
            }
        }
    }
    options
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
            Meta::List(list) => parse_args(list.tokens.clone(), errors),
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
/// decides (`modsmith_rules::redact::is_secret_name`).
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
        // Every binding of a destructured parameter.
        for ident in crate::common::signature::bindings(&typed.pat) {
            recordings.insert(ident.unraw().to_string(), recording);
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
