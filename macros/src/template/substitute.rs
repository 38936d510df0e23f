//! Checked model + arguments → tokens: the body with every `$param`, `${..}` and
//! `$( .. )*` replaced. Tokens of the body keep their spans; built identifiers take the span
//! of the argument they were built from, so the caller can name them.

use std::collections::BTreeMap;

use proc_macro2::{Group, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::Ident;
use syn::ext::IdentExt;

use super::build::{builds_string, evaluate, identifier, identifier_problem, string};
use super::parse::{BuildExpr, Piece};
use super::value::{Binding, Value};
use crate::common::errors::Errors;
use crate::common::source_text::source_text;

/// Every parameter's value, by name.
pub type Bindings = BTreeMap<String, Binding>;

pub fn substitute(
    template: &str,
    pieces: &[Piece],
    bindings: &Bindings,
    errors: &mut Errors,
) -> TokenStream {
    let mut out = TokenStream::new();
    for piece in pieces {
        match piece {
            Piece::Token(tree) => out.extend([tree.clone()]),
            Piece::Group {
                delimiter,
                span,
                body,
            } => {
                let mut group =
                    Group::new(*delimiter, substitute(template, body, bindings, errors));
                group.set_span(*span);
                out.extend([TokenTree::Group(group)]);
            }
            Piece::Param { name, .. } => match bindings.get(&name.unraw().to_string()) {
                Some(Binding::One(value)) => out.extend(value.tokens.clone()),
                // Ruled out by the definition's checks.
                _ => errors.spanned(name, format!("`{}` has no single value here", name.unraw())),
            },
            Piece::Build { dollar, expr, .. } => {
                if let Some(tokens) = build(template, *dollar, expr, bindings, errors) {
                    out.extend(tokens);
                }
            }
            Piece::Repeat {
                body, separator, ..
            } => repeat(
                template,
                body,
                separator.as_ref(),
                bindings,
                errors,
                &mut out,
            ),
            Piece::Dollar(span) => {
                let mut dollar = Punct::new('$', Spacing::Alone);
                dollar.set_span(*span);
                out.extend([TokenTree::Punct(dollar)]);
            }
            Piece::Crate { dollar, krate } => {
                let mut punct = Punct::new('$', Spacing::Alone);
                punct.set_span(*dollar);
                out.extend([TokenTree::Punct(punct), TokenTree::Ident(krate.clone())]);
            }
        }
    }
    out
}

/// One copy of the body per value of the lists it uses, each list bound to its value.
fn repeat(
    template: &str,
    body: &[Piece],
    separator: Option<&TokenTree>,
    bindings: &Bindings,
    errors: &mut Errors,
    out: &mut TokenStream,
) {
    let mut names = Vec::new();
    lists_in(body, bindings, &mut names);
    let lengths: Vec<(String, usize, Span)> = names
        .iter()
        .filter_map(|name| match bindings.get(name) {
            Some(Binding::List(values, span)) => Some((name.clone(), values.len(), *span)),
            _ => None,
        })
        .collect();
    let Some((_, count, _)) = lengths.first() else {
        return;
    };
    if let Some((_, _, span)) = lengths.iter().find(|(_, length, _)| length != count) {
        let described: Vec<String> = lengths
            .iter()
            .map(|(name, length, _)| format!("`{name}` has {length}"))
            .collect();
        errors.at(
            *span,
            format!(
                "a repetition in `{template}` repeats over lists of one length, but {}: give \
                 them as many values each",
                described.join(" and ")
            ),
        );
        return;
    }
    for index in 0..*count {
        if index > 0
            && let Some(separator) = separator
        {
            out.extend([separator.clone()]);
        }
        let mut scope = bindings.clone();
        for (name, _, _) in &lengths {
            if let Some(Binding::List(values, _)) = bindings.get(name) {
                scope.insert(name.clone(), Binding::One(values[index].clone()));
            }
        }
        out.extend(substitute(template, body, &scope, errors));
    }
}

/// The names of the list parameters used in the pieces, outside nested repetitions.
fn lists_in(pieces: &[Piece], bindings: &Bindings, names: &mut Vec<String>) {
    let add = |name: &Ident, names: &mut Vec<String>| {
        let name = name.unraw().to_string();
        if matches!(bindings.get(&name), Some(Binding::List(..))) && !names.contains(&name) {
            names.push(name);
        }
    };
    fn expr_names(expr: &BuildExpr, out: &mut Vec<Ident>) {
        match expr {
            BuildExpr::Name(name) => out.push(name.clone()),
            BuildExpr::Text(..) => {}
            BuildExpr::Call { args, .. } => args.iter().for_each(|arg| expr_names(arg, out)),
        }
    }
    for piece in pieces {
        match piece {
            Piece::Param { name, .. } => add(name, names),
            Piece::Build { expr, .. } => {
                let mut found = Vec::new();
                expr_names(expr, &mut found);
                found.iter().for_each(|name| add(name, names));
            }
            Piece::Group { body, .. } => lists_in(body, bindings, names),
            // A nested repetition repeats over its own lists, once per value of the outer's.
            Piece::Repeat { .. } | Piece::Token(_) | Piece::Dollar(_) | Piece::Crate { .. } => {}
        }
    }
}

/// A `${..}`: the identifier or string it builds, at the span of the first argument it was
/// built from.
fn build(
    template: &str,
    dollar: Span,
    expr: &BuildExpr,
    bindings: &Bindings,
    errors: &mut Errors,
) -> Option<TokenStream> {
    let mut span = None;
    let mut text_of = |name: &Ident, in_stringify: bool| {
        let value: Option<&Value> = match bindings.get(&name.unraw().to_string()) {
            Some(Binding::One(value)) => Some(value),
            _ => None,
        };
        let Some(value) = value else {
            return Err(syn::Error::new(
                name.span(),
                format!("`{}` has no single value here", name.unraw()),
            ));
        };
        span.get_or_insert(value.span);
        match (&value.text, in_stringify) {
            (Some(text), _) => Ok(text.clone()),
            (None, true) => Ok(source_text(value.raw.clone())),
            (None, false) => Err(syn::Error::new(
                value.span,
                format!("`{}` has no text to build an identifier from", name.unraw()),
            )),
        }
    };
    let text = match evaluate(expr, &mut text_of) {
        Ok(text) => text,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let span = span.unwrap_or(dollar);
    if builds_string(expr) {
        return Some(string(&text, span).into_token_stream());
    }
    match identifier(&text, span) {
        Some(ident) => Some(ident.into_token_stream()),
        None => {
            let problem = identifier_problem(&text).unwrap_or("is not an identifier");
            errors.at(
                span,
                format!(
                    "template `{template}` builds an identifier from this argument: `{text}`, \
                     which {problem}; choose another value"
                ),
            );
            None
        }
    }
}
