//! Tokens → model: `#[instrument(..)]` options, on the item itself and on the functions
//! inside an instrumented `impl` or `mod`.

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::{Span, TokenStream};
use syn::{Attribute, Ident, Meta};

use crate::common::errors::Errors;
use crate::common::options::{CratePath, Keyed, Switch};

/// `#[instrument(..)]`'s options. Every key is optional, so that a function's own options
/// can be merged over its block's.
#[derive(FromMeta, Default, Clone)]
pub struct Options {
    pub level: Option<Keyed<String>>,
    pub target: Option<Keyed<String>>,
    pub name: Option<Keyed<String>>,
    pub skip: Option<Keyed<Skip>>,
    pub skip_all: Switch,
    pub args: Option<Keyed<Names>>,
    pub ret: Switch,
    pub err: Option<Keyed<ErrOption>>,
    pub time: Switch,
    pub only: Option<Keyed<String>>,
    pub include: Option<Keyed<String>>,
    pub exclude: Option<Keyed<String>>,
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
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
    let items = match NestedMeta::parse_meta_list(args) {
        Ok(items) => items,
        Err(error) => {
            errors.push(error);
            return Options::default();
        }
    };
    errors
        .handle(Options::from_list(&items))
        .unwrap_or_default()
}

/// The options of a function's own `#[instrument(..)]` attributes inside a block, and the
/// span of the first one (for errors).
pub fn inner_options(attrs: &[Attribute], errors: &mut Errors) -> Option<(Options, Span)> {
    let mut found: Option<(Options, Span)> = None;
    for attr in attrs.iter().filter(|attr| is_instrument_attribute(attr)) {
        let options = match &attr.meta {
            Meta::Path(_) => Options::default(),
            meta => errors.handle(Options::from_meta(meta)).unwrap_or_default(),
        };
        found = Some((options, syn::spanned::Spanned::span(attr)));
    }
    found
}

/// `#[instrument]`, `#[modsmith::instrument]` or `#[::modsmith::instrument]`.
pub fn is_instrument_attribute(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "instrument")
}
