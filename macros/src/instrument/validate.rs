//! Model → checked model: a block's selector and options checked once, and the options
//! merged for each function and checked against its signature.

use std::collections::{BTreeMap, BTreeSet};

use syn::ext::IdentExt;

use super::parse::{ErrOption, Level, Options, Recording, Skip};
use crate::common::errors::Errors;
use crate::common::selector::Selector;
use crate::common::signature::FnSignature;
use crate::common::suggest::did_you_mean;

/// Whether the return value is recorded.
#[derive(Clone, Copy)]
pub enum Ret {
    No,
    /// In a block: when its type has `Debug`, and left out otherwise.
    IfDebug,
    /// On a single function: it must have `Debug`, as with `#[tracing::instrument(ret)]`;
    /// the compiler says so at `ret` (the span) when it has not.
    Debug(proc_macro2::Span),
}

/// How one function is instrumented.
pub struct Plan {
    pub span_name: String,
    pub level: Level,
    pub target: Option<String>,
    pub fields: Vec<Field>,
    pub ret: Ret,
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

/// A block's options, its selector checked: what every function of the block starts from.
pub struct BlockOptions {
    pub options: Options,
    pub selector: Selector,
    /// Written on the one function they apply to, rather than given to many (a block, a
    /// `#[transform]` pass): then `err` and `ret` must fit that function, as with
    /// `#[tracing::instrument]`, instead of applying where they fit.
    pub alone: bool,
}

/// Checks a block's options and selector, once.
pub fn block(options: Options, errors: &mut Errors) -> BlockOptions {
    block_options(&options, errors);
    let text = |key: &Option<crate::common::options::Keyed<syn::LitStr>>| {
        key.as_ref().map(|key| key.value.clone())
    };
    let selector = Selector::parse(
        text(&options.only).as_ref(),
        text(&options.include).as_ref(),
        text(&options.exclude).as_ref(),
        errors,
    );
    BlockOptions {
        options,
        selector,
        alone: false,
    }
}

/// The rules for options given to many functions at once (on an `impl` block or module, or
/// in `#[transform]`'s `instrument` pass): a span name belongs to one function.
pub fn block_options(options: &Options, errors: &mut Errors) {
    written(options, errors);
    if let Some(skip) = &options.skip
        && matches!(skip.value, Skip::Function)
    {
        errors.at(
            skip.key,
            "`skip` alone opts one function out; given to many functions it would leave all \
             of them out: put `#[instrument(skip)]` on the functions to leave out (in \
             `#[transform]`, `#[transform(skip(instrument))]`), or name parameters: \
             `skip(a, b)`",
        );
    }
    if let Some(name) = &options.name {
        errors.at(
            name.key,
            "`name` names one function's span, but these options apply to many functions; put \
             `#[instrument(name = \"..\")]` on the function inside instead",
        );
    }
}

/// The rules within one set of options as written, wherever it is.
pub fn written(options: &Options, errors: &mut Errors) {
    if let (true, Some(skip)) = (options.skip_all.is_present(), &options.skip)
        && let Skip::Args(_) = skip.value
    {
        errors.at(
            skip.key,
            "`skip_all` already leaves out every parameter; remove `skip(..)`, or replace \
             `skip_all` with it",
        );
    }
}

/// Checks the options of `#[instrument]` on a single function: a selector and `skip` alone
/// only mean something in a block.
pub fn single_function(options: &Options, errors: &mut Errors) {
    written(options, errors);
    for (option, key) in [
        ("only", &options.only),
        ("include", &options.include),
        ("exclude", &options.exclude),
    ] {
        if let Some(key) = key {
            errors.at(
                key.key,
                format!(
                    "`{option}` selects functions inside an instrumented `impl` or `mod`; on a single \
                     function, remove it"
                ),
            );
        }
    }
    if let Some(skip) = &options.skip
        && matches!(skip.value, Skip::Function)
    {
        errors.at(
            skip.key,
            "`skip` alone opts a function out of its block's instrumentation; on a single \
             function remove `#[instrument]`, or name parameters to leave out: `skip(a, b)`",
        );
    }
}

/// Checks the merged options against one function and plans its span.
pub fn plan(
    options: &Options,
    signature: &FnSignature,
    span_name: String,
    recording: &BTreeMap<String, Recording>,
    errors: &mut Errors,
) -> Plan {
    let sig = signature.sig;
    let level = options
        .level
        .as_ref()
        .map_or(Level::Info, |level| level.value);
    let params: Vec<&syn::Ident> = signature
        .params
        .iter()
        .filter_map(|param| param.ident)
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
                Field {
                    redacted: match recording.get(&name) {
                        Some(Recording::Redacted) => true,
                        Some(Recording::InClear) => false,
                        None => modsmith_redact::is_secret_name(&name),
                    },
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
            .map(|name| name.value.0.clone())
            .unwrap_or(span_name),
        level,
        target: options.target.as_ref().map(|target| target.value.0.clone()),
        fields,
        ret: if options.ret.is_present() {
            Ret::IfDebug
        } else {
            Ret::No
        },
        err: options.err.as_ref().map(|err| err.value),
        time: options.time.is_present(),
    }
}
