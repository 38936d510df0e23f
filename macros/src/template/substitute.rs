//! Checked model + arguments → tokens: the body with every `$param`, `${..}` and
//! `$( .. )*` replaced. Tokens of the body keep their spans; built identifiers take the span
//! of the argument they were built from, so the caller can name them.

use proc_macro2::{Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;

use super::build::{evaluate, identifier, identifier_problem, string};
use super::checked::{CheckedExpr, CheckedPiece, ParamUse, PlaceholderWriter, write};
use super::parse::Param;
use super::value::{Binding, Bindings, Value};
use crate::common::errors::Errors;
use crate::common::source_text::source_text;

pub fn substitute(
    template: &str,
    pieces: &[CheckedPiece],
    bindings: &Bindings,
    errors: &mut Errors,
) -> TokenStream {
    let mut substitution = Substitution {
        template,
        bindings,
        errors,
    };
    write(pieces, &mut substitution)
}

/// Fills each placeholder in from the bindings.
struct Substitution<'a> {
    template: &'a str,
    bindings: &'a Bindings,
    errors: &'a mut Errors,
}

impl PlaceholderWriter for Substitution<'_> {
    fn placeholder(&mut self, piece: &CheckedPiece, out: &mut TokenStream) {
        let (template, bindings) = (self.template, self.bindings);
        match piece {
            CheckedPiece::Param { used, .. } => match bindings.get(&used.param.key()) {
                Some(Binding::One(value)) => out.extend(value.tokens.clone()),
                // Ruled out by the definition's checks.
                _ => self.errors.spanned(
                    &used.name,
                    format!("`{}` has no single value here", used.name.unraw()),
                ),
            },
            CheckedPiece::Build { dollar, expr } => {
                if let Some(tokens) = build(template, *dollar, expr, bindings, self.errors) {
                    out.extend(tokens);
                }
            }
            CheckedPiece::Repeat {
                body,
                separator,
                lists,
                ..
            } => repeat(
                template,
                body,
                separator.as_ref(),
                lists,
                bindings,
                self.errors,
                out,
            ),
            CheckedPiece::Dollar(span) => {
                let mut dollar = Punct::new('$', Spacing::Alone);
                dollar.set_span(*span);
                out.extend([TokenTree::Punct(dollar)]);
            }
            // Tokens, groups and `$crate`: written by `write`.
            CheckedPiece::Token(_) | CheckedPiece::Group { .. } | CheckedPiece::Crate { .. } => {}
        }
    }
}

/// One copy of the body per value of its `lists`, each list bound to its value. A list
/// already bound to one value (by an outer repetition) stays so.
fn repeat(
    template: &str,
    body: &[CheckedPiece],
    separator: Option<&TokenTree>,
    lists: &[&Param],
    bindings: &Bindings,
    errors: &mut Errors,
    out: &mut TokenStream,
) {
    let lengths: Vec<(String, &[Value], Span)> = lists
        .iter()
        .filter_map(|param| {
            let name = param.key();
            match bindings.get(&name) {
                Some(Binding::List(values, span)) => Some((name, values.as_slice(), *span)),
                _ => None,
            }
        })
        .collect();
    let Some((_, first, _)) = lengths.first() else {
        return;
    };
    let count = first.len();
    if let Some((_, _, span)) = lengths.iter().find(|(_, values, _)| values.len() != count) {
        let described: Vec<String> = lengths
            .iter()
            .map(|(name, values, _)| format!("`{name}` has {}", values.len()))
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
    for index in 0..count {
        if index > 0
            && let Some(separator) = separator
        {
            out.extend([separator.clone()]);
        }
        let mut scope = bindings.clone();
        for (name, values, _) in &lengths {
            if let Some(value) = values.get(index) {
                scope.insert(name.clone(), Binding::One(value.clone()));
            }
        }
        out.extend(substitute(template, body, &scope, errors));
    }
}

/// A `${..}`: the identifier or string it builds, at the span of the first argument it was
/// built from.
fn build(
    template: &str,
    dollar: Span,
    expr: &CheckedExpr,
    bindings: &Bindings,
    errors: &mut Errors,
) -> Option<TokenStream> {
    let mut span = None;
    let mut text_of = |used: &ParamUse, in_stringify: bool| {
        let name = &used.name;
        let value: Option<&Value> = match bindings.get(&used.param.key()) {
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
    if expr.builds_string() {
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
