//! `compose!`: a module made of other modules' members, re-exported with `pub use`, with
//! include, exclude and rename rules per source, a conflict policy, and local items that
//! override (inheritance).
//!
//! A proc macro sees only its input, so the members travel to it: the facade's `compose!`
//! passes `$crate` to [`run_start`], which checks the input, emits a probe per source (a
//! clear error for a module without `#[composable]`) and starts the facade's `chain!`. That
//! `macro_rules!` calls each source's hidden macro (written by `#[composable]`), which calls
//! back with its member list; with every list gathered it calls [`run_finish`], which plans
//! and writes the module. Two proc-macro runs whatever the number of sources, and no state
//! kept between them.
//!
//! Stages: `parse` (the input), `validate` (the plan, every error at once), `generate`.

mod generate;
mod parse;
mod validate;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::Ident;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::composable::generate::ALIAS;
use crate::composable::list::{SourceList, VERSION, version_of};

/// `compose!`'s first run: `[$crate] input`.
pub fn run_start(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let (krate, rest) = match crate::common::crate_path::split_crate(input) {
        Ok(split) => split,
        Err(error) => {
            errors.push(error);
            return errors.into_expansion(TokenStream::new());
        }
    };
    let Some(parsed) = parse::parse(rest.clone(), &mut errors) else {
        return errors.into_expansion(TokenStream::new());
    };
    validate::check_input(&parsed, &mut errors);
    if errors.any() {
        // The module as written, without the sources: the names defined in it still resolve.
        return errors.into_expansion(parsed.module.to_token_stream());
    }
    let probes = parsed.sources.iter().map(|source| {
        let path = &source.path;
        let marker = quote_spanned!(path.span()=> __ModsmithComposable);
        quote! {
            const _: () = {
                #[allow(unused_imports)]
                use #krate::__private::compose::NotComposable as __ModsmithComposable;
                {
                    #[allow(unused_imports)]
                    use #path::*;
                    #krate::__private::compose::assert_composable::<#marker>();
                }
            };
        }
    });
    let todo = parsed.sources.iter().map(|source| {
        let path = &source.path;
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |last| last.ident.span());
        let alias = Ident::new(ALIAS, span);
        quote!((#path::#alias))
    });
    errors.into_expansion(quote! {
        #( #probes )*
        #krate::__private::compose::chain! {
            krate [#krate] todo [ #( #todo )* ] input { #rest } done []
        }
    })
}

/// `compose!`'s second run: `krate [..] input { .. } done [..]`, with every source's list.
pub fn run_finish(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let parser = |stream: ParseStream| {
        keyword(stream, "krate")?;
        let krate: Group = stream.parse()?;
        keyword(stream, "input")?;
        let input: Group = stream.parse()?;
        keyword(stream, "done")?;
        let done: Group = stream.parse()?;
        Ok((krate.stream(), input.stream(), done))
    };
    let (krate, rest, done) = match parser.parse2(input) {
        Ok(parts) => parts,
        Err(error) => {
            errors.push(error);
            return errors.into_expansion(TokenStream::new());
        }
    };
    let Some(parsed) = parse::parse(rest, &mut errors) else {
        return errors.into_expansion(TokenStream::new());
    };
    let fallback = parsed.module.to_token_stream();
    let mut lists = Vec::new();
    for (source, tokens) in parsed.sources.iter().zip(gathered(done)) {
        match syn::parse2::<SourceList>(tokens.clone()) {
            Ok(list) => lists.push(list),
            Err(error) => {
                let message = match version_of(tokens) {
                    Some(version) if version != VERSION => format!(
                        "`{}` was made `#[composable]` by another version of modsmith (its \
                         member list has format {version}, this `compose!` reads {VERSION}): \
                         build both crates with one modsmith version",
                        source.text
                    ),
                    _ => format!(
                        "the member list of `{}` could not be read ({error}): a modsmith bug; \
                         please report it",
                        source.text
                    ),
                };
                errors.spanned(&source.path, message);
            }
        }
    }
    if errors.any() || lists.len() != parsed.sources.len() {
        return errors.into_expansion(fallback);
    }
    match validate::validate(&parsed, &lists, &mut errors) {
        Some(composed) => errors.into_expansion(generate::generate(&composed, &krate)),
        None => errors.into_expansion(fallback),
    }
}

/// The lists `chain!` gathered, in source order: `done` nests them,
/// `[[[[] {first}] {second}] {third}]`, so that each step matched one token tree.
fn gathered(done: Group) -> Vec<TokenStream> {
    let mut lists = Vec::new();
    let mut level = Some(done);
    while let Some(group) = level.take() {
        for tree in group.stream() {
            match tree {
                TokenTree::Group(inner) if inner.delimiter() == Delimiter::Bracket => {
                    level = Some(inner);
                }
                TokenTree::Group(list) if list.delimiter() == Delimiter::Brace => {
                    lists.push(list.stream());
                }
                _ => {}
            }
        }
    }
    lists.reverse();
    lists
}

fn keyword(input: ParseStream, word: &str) -> syn::Result<()> {
    let ident: Ident = input.parse()?;
    if ident == word {
        Ok(())
    } else {
        Err(syn::Error::new(ident.span(), format!("expected `{word}`")))
    }
}
