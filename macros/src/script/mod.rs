//! `script!`: a module of the script language compiled to Rust at build time, from inline
//! tokens (`script! { module pricing { .. } }`) or a file (`script!(file = "rules/x.ms")`,
//! relative to `CARGO_MANIFEST_DIR`). The front end is `modsmith-script`'s: the same lexer
//! grammar, parser, checker and typed IR as the VM's, so the two cannot disagree.
//!
//! Stages: the input (visibility, then the tokens or the file), the front end (every
//! diagnostic at its place: spanned inline, `file:line:col` with the source line from a
//! file), the constants evaluated by the reference interpreter, then `generate`.

mod generate;
mod options;
mod tokens;

use std::path::PathBuf;

use modsmith_script::diagnostic::line_column;
use modsmith_script::{Diagnostic, Severity, render};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::quote;

use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::warning::Warnings;
use crate::composable::validate::location;

use options::Options;

/// The macro.
pub fn run(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    // `[$crate]` first: the facade's `script!` passes the path it is known by.
    let (krate, input) = match crate::common::crate_path::split_crate(input.clone()) {
        Ok(split) => split,
        Err(_) => (quote!(::modsmith), input),
    };
    let (vis, rest) = split_visibility(input);
    let (options, rest) = match options::split(rest) {
        Ok(split) => split,
        Err(error) => {
            errors.push(error);
            return errors.into_expansion(TokenStream::new());
        }
    };
    // `pub` may also follow the options, next to the module it makes public.
    let (vis, rest) = if vis.is_empty() {
        split_visibility(rest)
    } else {
        (vis, rest)
    };
    match &options.file {
        Some((path, literal)) => {
            if let Some(first) = rest.clone().into_iter().next() {
                errors.at(
                    first.span(),
                    "a script is a `file = \"..\"` or inline, not both: remove the module or \
                     the `file` option",
                );
                return errors.into_expansion(TokenStream::new());
            }
            from_file(path, *literal, vis, krate, &options, errors)
        }
        None => {
            let tokens = inline(rest, vis, krate, &options, &mut errors).unwrap_or_default();
            errors.into_expansion(tokens)
        }
    }
}

/// A leading `pub` or `pub(..)`, taken off the input (doc comments before it stay).
fn split_visibility(input: TokenStream) -> (TokenStream, TokenStream) {
    let trees: Vec<TokenTree> = input.into_iter().collect();
    let mut at = 0;
    // Past `#[doc = ..]` pairs.
    while matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(trees.get(at + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
    {
        at += 2;
    }
    let mut vis = TokenStream::new();
    let mut rest: Vec<TokenTree> = trees[..at.min(trees.len())].to_vec();
    let mut after = at;
    if matches!(trees.get(at), Some(TokenTree::Ident(ident)) if ident == "pub") {
        vis.extend(trees.get(at).cloned());
        after += 1;
        if let Some(TokenTree::Group(group)) = trees.get(after)
            && group.delimiter() == Delimiter::Parenthesis
        {
            vis.extend(trees.get(after).cloned());
            after += 1;
        }
    }
    rest.extend(trees.into_iter().skip(after));
    (vis, rest.into_iter().collect())
}

/// Where a script span is inline: the line and column of its first token.
struct InlineLocate<'a>(&'a tokens::Lexed);

impl modsmith_script::Locate for InlineLocate<'_> {
    fn locate(&self, span: modsmith_script::Span) -> (u32, u32) {
        let (_, line, column) = location(self.0.span(span));
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

fn inline(
    input: TokenStream,
    vis: TokenStream,
    krate: TokenStream,
    options: &Options,
    errors: &mut Errors,
) -> Option<TokenStream> {
    let checkpoint = errors.checkpoint();
    let lexed = tokens::lex(input, errors);
    if errors.failed_since(checkpoint) {
        // Tokens that are not the language's are reported alone (no errors that only
        // follow from the hole they leave).
        return None;
    }
    let (module, mut diagnostics) = modsmith_script::parser::parse(&lexed.tokens);
    let program = module.and_then(|module| {
        let (program, checked) = modsmith_script::check::check(&module);
        diagnostics.extend(checked);
        program
    });
    let mut warnings = Warnings::new();
    lexed.report(&diagnostics, errors, &mut warnings);
    let program = program?;
    if errors.any() {
        return None;
    }
    let constants = match modsmith_script::interp::constants(&program) {
        Ok(constants) => constants,
        Err(failures) => {
            for failure in failures {
                lexed.error(failure.span, failure.message, errors);
            }
            return None;
        }
    };
    let locate = InlineLocate(&lexed);
    let bytecode = if options.bytecode {
        match modsmith_script::Program::compile(&program, &locate) {
            Ok(compiled) => Some(compiled.to_bytes()),
            Err(failures) => {
                for failure in failures {
                    lexed.error(failure.span, failure.message, errors);
                }
                return None;
            }
        }
    } else {
        None
    };
    let context = generate::Context {
        program: &program,
        vis,
        krate,
        locate: &locate,
        constants,
        extra: warnings.into_tokens(),
        bytecode,
    };
    Some(generate::generate(&context))
}

fn from_file(
    path: &str,
    literal: Span,
    vis: TokenStream,
    krate: TokenStream,
    options: &Options,
    mut errors: Errors,
) -> Expansion {
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let full = base.join(path);
    let source = match std::fs::read_to_string(&full) {
        Ok(source) => source,
        Err(error) => {
            errors.at(
                literal,
                format!(
                    "cannot read the script `{}`: {error} (the path is relative to the crate's \
                     directory, `CARGO_MANIFEST_DIR`)",
                    full.display()
                ),
            );
            return errors.into_expansion(TokenStream::new());
        }
    };
    let (program, diagnostics) = modsmith_script::check_text(&source);
    let failed: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .cloned()
        .collect();
    let mut warnings = Warnings::new();
    for warning in diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        let (line, column) = line_column(&source, warning.span.start);
        warnings.at(
            literal,
            format!("{path}:{line}:{column}: {}", warning.message),
        );
    }
    if !failed.is_empty() {
        for error in &failed {
            // rustc writes `error:` itself.
            let rendered = render(path, &source, std::slice::from_ref(error));
            let rendered = rendered.strip_prefix("error: ").unwrap_or(&rendered);
            errors.at(literal, rendered.trim_end());
        }
        return errors.into_expansion(TokenStream::new());
    }
    let Some(program) = program else {
        return errors.into_expansion(TokenStream::new());
    };
    let constants = match modsmith_script::interp::constants(&program) {
        Ok(constants) => constants,
        Err(failures) => {
            for failure in failures {
                let (line, column) = line_column(&source, failure.span.start);
                errors.at(
                    literal,
                    format!("{path}:{line}:{column}: {}", failure.message),
                );
            }
            return errors.into_expansion(TokenStream::new());
        }
    };
    // Read again by rustc, so that editing the file rebuilds the crate.
    let full_text = full.display().to_string();
    let mut extra = quote!(
        const _: &str = ::core::include_str!(#full_text);
    );
    extra.extend(warnings.into_tokens());
    let locate = modsmith_script::InText::new(&source);
    let bytecode = if options.bytecode {
        match modsmith_script::Program::compile(&program, &locate) {
            Ok(compiled) => Some(compiled.to_bytes()),
            Err(failures) => {
                for failure in failures {
                    let (line, column) = line_column(&source, failure.span.start);
                    errors.at(
                        literal,
                        format!("{path}:{line}:{column}: {}", failure.message),
                    );
                }
                return errors.into_expansion(TokenStream::new());
            }
        }
    } else {
        None
    };
    let context = generate::Context {
        program: &program,
        vis,
        krate,
        locate: &locate,
        constants,
        extra,
        bytecode,
    };
    errors.into_expansion(generate::generate(&context))
}
