//! Model → checked model: a block's selector and options checked once, and the options
//! merged for each function and checked against its signature.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Expr, Ident, Type};

use super::fields::CustomField;
use super::parse::{EventOptions, Format, Name, Options, Recording, Skip, SpanLevel};
use crate::common::errors::Errors;
use crate::common::options::Keyed;
use crate::common::selector::Selector;
use crate::common::signature::FnSignature;
use crate::common::suggest::did_you_mean;

/// A `ret` or `err` event: how it shows the value, at which level (`None`: the default),
/// and where the option is written, where a value that cannot be shown is reported.
#[derive(Clone)]
pub struct Event {
    pub format: Format,
    pub level: Option<SpanLevel>,
    pub key: Span,
}

impl Event {
    fn new(options: &Keyed<EventOptions>, default: Format, alone: bool) -> Self {
        Event {
            format: options.value.format.unwrap_or(default),
            level: options
                .value
                .level
                .as_ref()
                .map(|level| read_level(level, alone)),
            key: options.key,
        }
    }
}

/// A level as the function's code names it: as written on a single function, from
/// tracing's path in a block.
fn read_level(level: &SpanLevel, alone: bool) -> SpanLevel {
    if alone {
        level.clone()
    } else {
        level.as_read()
    }
}

/// Whether the return value is recorded.
#[derive(Clone)]
pub enum Ret {
    No,
    /// In a block: when its type can be shown as asked, and left out otherwise.
    IfShown(Event),
    /// On a single function: it must be shown as asked, as with
    /// `#[tracing::instrument(ret)]`; the compiler says so at `ret` when it cannot.
    Checked(Event),
}

/// How one function is instrumented.
pub struct Plan {
    /// The function's name, or `name` as written.
    pub span_name: SpanName,
    pub level: SpanLevel,
    pub target: Option<Name>,
    pub parent: Option<Expr>,
    pub follows_from: Option<Expr>,
    /// Its parameters (and `self`), as recorded.
    pub fields: Vec<Field>,
    /// `fields(..)`, in the order written.
    pub custom_fields: Vec<CustomField>,
    pub ret: Ret,
    pub err: Option<Event>,
    pub time: bool,
}

pub enum SpanName {
    Function(String),
    Written(Name),
}

/// A parameter's binding, recorded as a field of the same name.
pub struct Field {
    pub name: String,
    pub ident: Ident,
    pub recorded: Recorded,
}

/// How a parameter is recorded: as `#[tracing::instrument]` records it, or redacted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Recorded {
    /// A number, bool or string, by its type as written: as a typed value (so JSON and
    /// OpenTelemetry output keep the type), or with `Debug` if it turns out not to be one.
    Typed,
    /// With `Debug`, or left out when it has none.
    Debug,
    /// As `"***"`.
    Redacted,
}

/// A function's own options over its block's: the function's keys win.
pub fn merge(block: &Options, own: &Options) -> Options {
    Options {
        level: own.level.clone().or_else(|| block.level.clone()),
        target: own.target.clone().or_else(|| block.target.clone()),
        name: own.name.clone(),
        parent: own.parent.clone().or_else(|| block.parent.clone()),
        follows_from: own
            .follows_from
            .clone()
            .or_else(|| block.follows_from.clone()),
        fields: merge_fields(block.fields.as_ref(), own.fields.as_ref()),
        skip: own.skip.clone().or_else(|| block.skip.clone()),
        skip_all: if own.skip_all.is_present() {
            own.skip_all.clone()
        } else {
            block.skip_all.clone()
        },
        args: own.args.clone().or_else(|| block.args.clone()),
        ret: own.ret.clone().or_else(|| block.ret.clone()),
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

/// The block's fields, then the function's: a field the function names again is its own.
fn merge_fields(
    block: Option<&Keyed<super::fields::Fields>>,
    own: Option<&Keyed<super::fields::Fields>>,
) -> Option<Keyed<super::fields::Fields>> {
    let (block, own) = match (block, own) {
        (None, None) => return None,
        (Some(only), None) | (None, Some(only)) => return Some(only.clone()),
        (Some(block), Some(own)) => (block, own),
    };
    let own_names: BTreeSet<String> = own.value.0.iter().map(CustomField::written_name).collect();
    let mut merged: Vec<CustomField> = block
        .value
        .0
        .iter()
        .filter(|field| !own_names.contains(&field.written_name()))
        .cloned()
        .collect();
    merged.extend(own.value.0.iter().cloned());
    Some(Keyed {
        value: super::fields::Fields(merged),
        key: own.key,
    })
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

/// Checks the merged options against one function and plans its span. `alone`: the options
/// were written on this one function (then `ret` must fit its return type).
pub fn plan(
    options: &Options,
    signature: &FnSignature,
    span_name: String,
    recording: &BTreeMap<String, Recording>,
    alone: bool,
    errors: &mut Errors,
) -> Plan {
    let sig = signature.sig;
    // Every binding, `self` first, with the type it is recorded by when it has one.
    let receiver = sig
        .receiver()
        .map(|receiver| (Ident::new("self", receiver.self_token.span), None));
    let bindings: Vec<(Ident, Option<&Type>)> = receiver
        .into_iter()
        .chain(signature.params.iter().flat_map(|param| {
            let plain = param.binds_whole;
            param
                .bindings
                .iter()
                .map(move |ident| ((*ident).clone(), plain.then_some(param.ty)))
        }))
        .collect();
    let names: Vec<String> = bindings
        .iter()
        .map(|(ident, _)| ident.unraw().to_string())
        .collect();
    let check_names = |list: &[Ident], option: &str, errors: &mut Errors| {
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
    let custom_fields = options
        .fields
        .as_ref()
        .map(|fields| fields.value.0.clone())
        .unwrap_or_default();
    // A parameter named by a field is recorded by that field, as tracing does.
    let named_by_fields: BTreeSet<String> = custom_fields
        .iter()
        .filter_map(CustomField::single_name)
        .collect();
    let fields = if options.skip_all.is_present() {
        Vec::new()
    } else {
        bindings
            .into_iter()
            .filter(|(ident, _)| {
                let name = ident.unraw().to_string();
                !skipped.contains(&name)
                    && !named_by_fields.contains(&name)
                    && only_args.as_ref().is_none_or(|only| only.contains(&name))
            })
            .map(|(ident, ty)| {
                let name = ident.unraw().to_string();
                let redacted = match recording.get(&name) {
                    Some(Recording::Redacted) => true,
                    Some(Recording::InClear) => false,
                    None => modsmith_rules::redact::is_secret_name(&name),
                };
                Field {
                    recorded: if redacted {
                        Recorded::Redacted
                    } else if ty.is_some_and(is_typed_value) {
                        Recorded::Typed
                    } else {
                        Recorded::Debug
                    },
                    ident,
                    name,
                }
            })
            .collect()
    };
    let ret = match &options.ret {
        None => Ret::No,
        Some(ret) if alone => Ret::Checked(Event::new(ret, Format::Debug, alone)),
        Some(ret) => Ret::IfShown(Event::new(ret, Format::Debug, alone)),
    };
    Plan {
        span_name: match &options.name {
            Some(name) => SpanName::Written(name.value.clone()),
            None => SpanName::Function(span_name),
        },
        level: options
            .level
            .as_ref()
            .map_or(SpanLevel::known(super::parse::Level::Info), |level| {
                read_level(&level.value, alone)
            }),
        target: options.target.as_ref().map(|target| target.value.clone()),
        parent: options.parent.as_ref().map(|parent| parent.value.0.clone()),
        follows_from: options
            .follows_from
            .as_ref()
            .map(|causes| causes.value.0.clone()),
        fields,
        custom_fields,
        ret,
        err: options
            .err
            .as_ref()
            .map(|err| Event::new(err, Format::Display, alone)),
        time: options.time.is_present(),
    }
}

/// A type `#[tracing::instrument]` records as a typed value, by its name as written
/// (through references): numbers, `bool`, `str`, `String`, the `NonZero` integers and
/// `Wrapping`. A type so named that is no `tracing::Value` falls back to `Debug`.
fn is_typed_value(ty: &Type) -> bool {
    const TYPED: &[&str] = &[
        "bool",
        "str",
        "u8",
        "i8",
        "u16",
        "i16",
        "u32",
        "i32",
        "u64",
        "i64",
        "u128",
        "i128",
        "f32",
        "f64",
        "usize",
        "isize",
        "String",
        "NonZeroU8",
        "NonZeroI8",
        "NonZeroU16",
        "NonZeroI16",
        "NonZeroU32",
        "NonZeroI32",
        "NonZeroU64",
        "NonZeroI64",
        "NonZeroU128",
        "NonZeroI128",
        "NonZeroUsize",
        "NonZeroIsize",
        "Wrapping",
    ];
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| TYPED.iter().any(|name| last.ident == name)),
        Type::Reference(reference) => is_typed_value(&reference.elem),
        Type::Group(group) => is_typed_value(&group.elem),
        Type::Paren(paren) => is_typed_value(&paren.elem),
        _ => false,
    }
}
