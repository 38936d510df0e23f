//! `#[instrument]`: a `tracing` span around a function, or around every function of an
//! `impl` block or inline module, with per-function options merged over the block's.

mod generate;
mod parse;
mod validate;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Attribute, FnArg, ImplItem, Item, ItemImpl, ItemMod, Signature, Visibility};

use self::parse::{Options, Skip};
pub use self::validate::glob_matches;
use crate::common::crate_path::{crate_path, lenient_crate_path_in_args};
use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::source_text::source_text;
use crate::common::warning::Warnings;

pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    instrument(args, item, Filters::Warn)
}

/// For `#[transform]`'s `instrument` pass, which calls this on each item: a filter written
/// once for a whole module is not a typo because one `impl` block has no match.
pub fn expand_quietly(args: TokenStream, item: TokenStream) -> Expansion {
    instrument(args, item, Filters::Quiet)
}

/// Whether a block filter that matches no function gets a warning.
#[derive(PartialEq)]
enum Filters {
    Warn,
    Quiet,
}

fn instrument(args: TokenStream, item: TokenStream, filters: Filters) -> Expansion {
    let mut warnings = Warnings::new();
    let mut errors = Errors::new();
    // Found apart from the other options, so the fallback names the right crate when they fail.
    let user_crate = lenient_crate_path_in_args(args.clone());
    let options = parse::parse_args(args, &mut errors);
    let mut item: Item = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(error) => {
            errors.push(error);
            return errors.into_expansion(item);
        }
    };
    let krate = crate_path(
        options
            .krate
            .as_ref()
            .map(|krate| &krate.0)
            .or(user_crate.as_ref()),
    );
    match &mut item {
        Item::Fn(function) => {
            reject_block_options(&options, &mut errors);
            if let Some(skip) = &options.skip
                && matches!(skip.value, Skip::Function)
            {
                errors.at(
                    skip.key,
                    "`skip` alone opts a function out of its block's instrumentation; on a single \
                     function remove `#[instrument]`, or name parameters to leave out: `skip(a, b)`",
                );
            }
            if let Some(constness) = &function.sig.constness {
                errors.spanned(
                    constness,
                    "a `const fn` cannot be instrumented: spans exist only at run time; remove \
                     `#[instrument]` or `const`",
                );
            } else {
                let redacted = take_redacted(&mut function.sig);
                let name = function.sig.ident.unraw().to_string();
                let plan = validate::plan(&options, &function.sig, name, &redacted, &mut errors);
                let new_body = generate::body(&plan, &krate, &function.sig, &function.block);
                replace_body(&mut function.block, new_body, &mut errors);
            }
        }
        Item::Impl(block) => {
            validate::check_block_options(&options, &mut errors);
            // A filter that is already an error is not also a warning.
            if !errors.any() {
                let names = function_names(block.items.iter());
                validate::unmatched_filters(&options, &names, &mut warnings);
            }
            instrument_impl(&options, &krate, block, "", &mut errors);
        }
        Item::Mod(module) => {
            validate::check_block_options(&options, &mut errors);
            if let Some((_, items)) = &module.content
                && !errors.any()
            {
                let names = items
                    .iter()
                    .flat_map(item_function_names)
                    .collect::<Vec<_>>();
                validate::unmatched_filters(&options, &names, &mut warnings);
            }
            instrument_mod(&options, &krate, module, "", &mut errors);
        }
        other => errors.spanned(
            &*other,
            "`#[instrument]` goes on a `fn`, an `impl` block or an inline `mod { .. }`",
        ),
    }
    let mut warning_items = TokenStream::new();
    if filters == Filters::Warn {
        // Inside the item where possible, where an `#[allow(deprecated)]` on it reaches them.
        match &mut item {
            Item::Mod(module) => warnings.place_in(module),
            Item::Impl(block) => {
                let first_body = block.items.iter_mut().find_map(|inner| match inner {
                    ImplItem::Fn(function) => Some(&mut function.block),
                    _ => None,
                });
                match first_body {
                    Some(body) => warnings.place_in_body(body),
                    None => warning_items = warnings.into_tokens(),
                }
            }
            _ => warning_items = warnings.into_tokens(),
        }
    }
    let mut tokens = item.into_token_stream();
    tokens.extend(warning_items);
    errors.into_expansion(tokens)
}

/// The names of the functions of an `impl` block.
fn function_names<'a>(items: impl Iterator<Item = &'a ImplItem>) -> Vec<String> {
    items
        .filter_map(|item| match item {
            ImplItem::Fn(function) => Some(function.sig.ident.unraw().to_string()),
            _ => None,
        })
        .collect()
}

/// The names of the functions a module's item holds, in its `impl` blocks and inline modules
/// too: what a module's filters choose from.
fn item_function_names(item: &Item) -> Vec<String> {
    match item {
        Item::Fn(function) => vec![function.sig.ident.unraw().to_string()],
        Item::Impl(block) => function_names(block.items.iter()),
        Item::Mod(module) => module
            .content
            .iter()
            .flat_map(|(_, items)| items.iter().flat_map(item_function_names))
            .collect(),
        _ => Vec::new(),
    }
}

fn reject_block_options(options: &Options, errors: &mut Errors) {
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
}

fn instrument_mod(
    options: &Options,
    krate: &syn::Path,
    module: &mut ItemMod,
    prefix: &str,
    errors: &mut Errors,
) {
    let Some((_, items)) = &mut module.content else {
        errors.spanned(
            &*module,
            format!(
                "`#[instrument]` on `mod {0};` cannot see the module's body, which is in another \
                 file (an attribute only receives the tokens it is written on). Put \
                 `#[modsmith::instrument]` on the `impl` blocks and functions inside `{0}.rs`, or \
                 write the module inline: `mod {0} {{ .. }}`",
                module.ident
            ),
        );
        return;
    };
    for item in items {
        match item {
            Item::Fn(function) => {
                let name = function.sig.ident.unraw().to_string();
                instrument_fn(
                    options,
                    krate,
                    &mut function.attrs,
                    &function.vis,
                    &mut function.sig,
                    &mut function.block,
                    format!("{prefix}{name}"),
                    errors,
                );
            }
            Item::Impl(block) => instrument_impl(options, krate, block, prefix, errors),
            Item::Mod(inner) if inner.content.is_some() => {
                let nested = format!("{prefix}{}::", inner.ident.unraw());
                instrument_mod(options, krate, inner, &nested, errors);
            }
            _ => {}
        }
    }
}

fn instrument_impl(
    options: &Options,
    krate: &syn::Path,
    block: &mut ItemImpl,
    prefix: &str,
    errors: &mut Errors,
) {
    let self_ty = &block.self_ty;
    let owner = match &block.trait_ {
        Some((path, _)) => format!(
            "<{} as {}>",
            source_text(quote::quote!(#self_ty)),
            source_text(quote::quote!(#path))
        ),
        None => source_text(quote::quote!(#self_ty)),
    };
    for item in &mut block.items {
        if let ImplItem::Fn(function) = item {
            let name = function.sig.ident.unraw().to_string();
            // In a trait impl, visibility is the trait's: `only = "pub"` keeps its methods.
            let vis = if block.trait_.is_some() {
                Visibility::Public(syn::Token![pub](proc_macro2::Span::call_site()))
            } else {
                function.vis.clone()
            };
            instrument_fn(
                options,
                krate,
                &mut function.attrs,
                &vis,
                &mut function.sig,
                &mut function.block,
                format!("{prefix}{owner}::{name}"),
                errors,
            );
        }
    }
}

/// One function inside an instrumented block.
#[allow(clippy::too_many_arguments)]
fn instrument_fn(
    block_options: &Options,
    krate: &syn::Path,
    attrs: &mut Vec<Attribute>,
    vis: &Visibility,
    sig: &mut Signature,
    body: &mut syn::Block,
    span_name: String,
    errors: &mut Errors,
) {
    let own = parse::inner_options(attrs, errors);
    attrs.retain(|attr| !parse::is_instrument_attribute(attr));
    let redacted = take_redacted(sig);
    let own_options = own.map(|(options, _)| options).unwrap_or_default();
    if own_options
        .skip
        .as_ref()
        .is_some_and(|skip| matches!(skip.value, Skip::Function))
    {
        return;
    }
    // `const fn` cannot hold a span; the block leaves it alone.
    if sig.constness.is_some()
        || !validate::selected(block_options, &sig.ident.unraw().to_string(), vis)
    {
        return;
    }
    let mut options = validate::merge(block_options, &own_options);
    // A block's `err` applies to the functions that return a `Result`; a function's own
    // `err` is kept, and a non-`Result` return type is then its compile error to see.
    if own_options.err.is_none() && !returns_result(sig) {
        options.err = None;
    }
    let plan = validate::plan(&options, sig, span_name, &redacted, errors);
    let new_body = generate::body(&plan, krate, sig, body);
    replace_body(body, new_body, errors);
}

/// Whether the return type is written as a `Result` (`Result<T, E>`, `io::Result<T>`, ...),
/// or as a boxed future of one (`Pin<Box<dyn Future<Output = Result<..>> + Send>>`, what
/// `#[async_trait]` makes of an `async fn`).
fn returns_result(sig: &Signature) -> bool {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => is_result(ty) || future_output(ty).is_some_and(is_result),
        syn::ReturnType::Default => false,
    }
}

fn is_result(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Result"),
        _ => false,
    }
}

/// `T` in a `Future<Output = T>` bound, looked for through `Pin<Box<dyn ..>>`.
fn future_output(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Path(path) => {
            let arguments = &path.path.segments.last()?.arguments;
            output_binding(arguments).or_else(|| match arguments {
                syn::PathArguments::AngleBracketed(args) => {
                    args.args.iter().find_map(|arg| match arg {
                        syn::GenericArgument::Type(inner) => future_output(inner),
                        _ => None,
                    })
                }
                _ => None,
            })
        }
        syn::Type::TraitObject(object) => object.bounds.iter().find_map(|bound| match bound {
            syn::TypeParamBound::Trait(bound) => {
                output_binding(&bound.path.segments.last()?.arguments)
            }
            _ => None,
        }),
        _ => None,
    }
}

/// `T` in `<Output = T>`.
fn output_binding(arguments: &syn::PathArguments) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(args) = arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::AssocType(assoc) if assoc.ident == "Output" => Some(&assoc.ty),
        _ => None,
    })
}

/// Removes `#[redact]` from the parameters and returns their names.
fn take_redacted(sig: &mut Signature) -> BTreeSet<String> {
    let mut redacted = BTreeSet::new();
    for input in &mut sig.inputs {
        if let FnArg::Typed(typed) = input {
            let before = typed.attrs.len();
            typed.attrs.retain(|attr| !attr.path().is_ident("redact"));
            if typed.attrs.len() != before
                && let syn::Pat::Ident(pat) = &*typed.pat
            {
                redacted.insert(pat.ident.unraw().to_string());
            }
        }
    }
    redacted
}

fn replace_body(body: &mut syn::Block, tokens: TokenStream, errors: &mut Errors) {
    match syn::parse2(tokens) {
        Ok(block) => *body = block,
        Err(error) => errors.push(syn::Error::new(
            error.span(),
            format!("modsmith bug: an instrumented body did not parse ({error}); please report it"),
        )),
    }
}
