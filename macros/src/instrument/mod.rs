//! `#[instrument]`: a `tracing` span around a function, or around every function of an
//! `impl` block or inline module, with per-function options merged over the block's.
//!
//! Stages: `parse` (the options), `validate` (the block's selector once, then each function's
//! merged options against its signature, into a [`validate::Plan`]), `walk` (the functions
//! an item holds, in one order for both stages), `generate` (a planned body). As a library,
//! [`check`] and [`generate`] are what `#[transform]`'s `instrument` pass calls.

mod fields;
mod generate;
mod parse;
mod validate;
mod walk;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{ImplItem, Item, Path};

pub use self::parse::Options;
use self::parse::Skip;
use self::validate::Plan;
pub use self::validate::{BlockOptions, block_options};
use crate::common::crate_path::{crate_path, lenient_crate_path_in_args};
use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::selector::{Selector, Unmatched};
use crate::common::signature::FnSignature;
use crate::common::warning::Warnings;

/// The attribute: options and item in, the item with its functions instrumented out.
pub fn run(args: TokenStream, item: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    // Found apart from the other options, so the fallback names the right crate when they fail.
    let user_crate = lenient_crate_path_in_args(args.clone());
    let options = parse::parse_args(args, &mut errors);
    let item: Item = match syn::parse2(item.clone()) {
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
    // A single function has no selector: its options say so (`validate::single_function`).
    let block = match &item {
        Item::Fn(_) => BlockOptions {
            options,
            selector: Selector::default(),
            alone: true,
        },
        _ => validate::block(options, &mut errors),
    };
    let mut warnings = Warnings::new();
    let plans = check(&block, &item, &mut errors, Some(&mut warnings));
    let mut item = item;
    generate(&plans, &krate, &mut item);
    // Inside the item where possible, where an `#[allow(deprecated)]` on it reaches them.
    let mut tokens = TokenStream::new();
    match &mut item {
        Item::Mod(module) => warnings.place_in(module),
        Item::Impl(block) => {
            let first_body = block.items.iter_mut().find_map(|inner| match inner {
                ImplItem::Fn(function) => Some(&mut function.block),
                _ => None,
            });
            match first_body {
                Some(body) => warnings.place_in_body(body),
                None => tokens = warnings.into_tokens(),
            }
        }
        _ => tokens = warnings.into_tokens(),
    }
    let mut output = item.into_token_stream();
    output.extend(tokens);
    // The item with our attributes consumed; bodies instrumented where that succeeded.
    errors.into_expansion(output)
}

/// A plan for each function of an item (`None`: left as it is), in the order
/// [`walk::functions`] lists them.
pub struct Plans(Vec<Option<Plan>>);

/// Checks a block's options against an item (a `fn`, an `impl` block, a trait or an inline
/// module) and plans each of its functions. `warnings`: where a selector that matches nothing is
/// reported (`None` when the caller applies the same selector to many items, as
/// `#[transform]` does, where one item without a match is no typo).
pub fn check(
    block: &BlockOptions,
    item: &Item,
    errors: &mut Errors,
    warnings: Option<&mut Warnings>,
) -> Plans {
    let mut plans = Vec::new();
    match item {
        Item::Fn(function) => {
            // Options given to many functions were checked once, where they were given.
            if block.alone {
                validate::single_function(&block.options, errors);
            }
            let signature = FnSignature::new(&function.sig);
            if let Some(constness) = &function.sig.constness {
                errors.spanned(
                    constness,
                    "a `const fn` cannot be instrumented: spans exist only at run time; remove \
                     `#[instrument]` or `const`",
                );
                plans.push(None);
            } else {
                let mut options = block.options.clone();
                if let Some(err) = options
                    .err
                    .take_if(|_| block.alone && signature.surely_not_result())
                {
                    errors.at(
                        err.key,
                        format!(
                            "`err` records the error of a function that returns a `Result`, but \
                             `{}` returns {}; remove `err`",
                            function.sig.ident,
                            signature.output.map_or("nothing".to_owned(), |ty| format!(
                                "`{}`",
                                crate::common::source_text::source_text(quote::quote!(#ty))
                            ))
                        ),
                    );
                }
                let name = function.sig.ident.unraw().to_string();
                let recording = parse::recordings(&function.sig, errors);
                // Without the `err` just refused: its code would only add a type error.
                let plan =
                    validate::plan(&options, &signature, name, &recording, block.alone, errors);
                plans.push(Some(plan));
            }
        }
        Item::Impl(_) | Item::Mod(_) | Item::Trait(_) => {
            if let Item::Mod(module) = item
                && module.content.is_none()
            {
                errors.spanned(
                    module,
                    format!(
                        "`#[instrument]` on `mod {0};` cannot see the module's body, which is in \
                         another file (an attribute only receives the tokens it is written on). \
                         Put `#[modsmith::instrument]` on the `impl` blocks and functions inside \
                         `{0}.rs`, or write the module inline: `mod {0} {{ .. }}`",
                        module.ident
                    ),
                );
            }
            let functions = walk::functions(item);
            if let Some(warnings) = warnings {
                let unmatched = Unmatched {
                    among: "the functions here",
                    include_effect: "so no function is instrumented",
                };
                let names: Vec<String> = functions
                    .iter()
                    .map(|function| function.member.name.clone())
                    .collect();
                block.selector.warn_unmatched(&names, &unmatched, warnings);
            }
            plans.extend(
                functions
                    .into_iter()
                    .map(|function| plan_in_block(block, function, errors)),
            );
        }
        other => errors.spanned(
            other,
            "`#[instrument]` goes on a `fn`, an `impl` block, a `trait` (for its default methods) \
             or an inline `mod { .. }`",
        ),
    }
    Plans(plans)
}

/// One function inside an instrumented block: its own options merged over the block's, or
/// `None` when it is left alone.
fn plan_in_block(
    block: &BlockOptions,
    function: walk::Function,
    errors: &mut Errors,
) -> Option<Plan> {
    let krate = crate_path(block.options.krate.as_ref().map(|krate| &krate.0));
    let own = parse::own_options(function.attrs, &krate, errors);
    validate::written(&own, errors);
    let asked_for = function
        .attrs
        .iter()
        .any(|attr| parse::is_instrument_attribute(attr, &krate));
    // Another crate's `#[instrument]` (`#[tracing::instrument]`) already makes its span: a
    // second one would record what its `skip(..)` leaves out.
    let instrumented_elsewhere = function.attrs.iter().any(|attr| {
        !parse::is_instrument_attribute(attr, &krate)
            && crate::common::items::is_attribute(attr, "instrument")
    });
    let opted_out = own
        .skip
        .as_ref()
        .is_some_and(|skip| matches!(skip.value, Skip::Function));
    let signature = FnSignature::new(function.sig);
    // `const fn` cannot hold a span; the block leaves it alone, and formatting and polling
    // methods unless they ask.
    if opted_out
        || instrumented_elsewhere
        || signature.is_const
        || (function.is_plumbing && !asked_for)
        || !block
            .selector
            .selects(&function.member.name, function.member.is_pub())
    {
        return None;
    }
    let mut options = validate::merge(&block.options, &own);
    // A block's `err` applies to the functions that return a `Result`. A function's own
    // `err` must fit it, as on a single function.
    match &own.err {
        Some(err) if signature.surely_not_result() => {
            errors.at(
                err.key,
                format!(
                    "`err` records the error of a function that returns a `Result`, but `{}` \
                     does not; remove `err`",
                    function.sig.ident
                ),
            );
            options.err = None;
        }
        Some(_) => {}
        None if !signature.returns_result() => options.err = None,
        None => {}
    }
    let recording = parse::recordings(function.sig, errors);
    Some(validate::plan(
        &options,
        &signature,
        function.span_name,
        &recording,
        false,
        errors,
    ))
}

/// Removes this macro's attributes from the item and wraps each planned function's body in
/// its span.
pub fn generate(plans: &Plans, krate: &Path, item: &mut Item) {
    let mut plans = plans.0.iter();
    match item {
        Item::Fn(function) => {
            parse::strip_attributes(&mut Vec::new(), &mut function.sig, krate);
            if let Some(Some(plan)) = plans.next() {
                let signature = FnSignature::new(&function.sig);
                let body = generate::body(plan, krate, &signature, &function.block);
                *function.block = body;
            }
        }
        _ => walk::for_each_function_mut(item, &mut |function| {
            parse::strip_attributes(function.attrs, function.sig, krate);
            let plan = plans.next();
            debug_assert!(plan.is_some(), "a function was not planned for");
            if let Some(Some(plan)) = plan {
                let signature = FnSignature::new(function.sig);
                *function.body = generate::body(plan, krate, &signature, function.body);
            }
        }),
    }
    debug_assert!(
        plans.next().is_none(),
        "a plan was left without its function"
    );
}
