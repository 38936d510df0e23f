//! Checked model + arguments → tokens: the body with every `$param`, `${..}` and
//! `$( .. )*` replaced. Tokens of the body keep their spans; built identifiers take the span
//! of the argument they were built from, so the caller can name them.
//!
//! What the body makes of the arguments (lists repeated together, identifiers built from
//! them) is checked before, by `arguments::check_uses`, with the same [`repetitions`] and
//! [`built`]; substituting reports nothing a call can cause.

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
                match built(template, *dollar, expr, bindings) {
                    Ok(tokens) => out.extend(tokens),
                    Err(error) => self.errors.push(error),
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

/// One copy of the body per value of its `lists`, each list bound to its value.
fn repeat(
    template: &str,
    body: &[CheckedPiece],
    separator: Option<&TokenTree>,
    lists: &[&Param],
    bindings: &Bindings,
    errors: &mut Errors,
    out: &mut TokenStream,
) {
    let scopes = match repetitions(template, lists, bindings) {
        Ok(scopes) => scopes,
        Err(error) => {
            errors.push(error);
            return;
        }
    };
    for (index, scope) in scopes.iter().enumerate() {
        if index > 0
            && let Some(separator) = separator
        {
            out.extend([separator.clone()]);
        }
        out.extend(substitute(template, body, scope, errors));
    }
}

/// The bindings of each copy of a repetition over `lists`: one per value, each list bound
/// to its value. A list already bound to one value (by an outer repetition) stays so. An
/// error when the lists are not all as long.
pub fn repetitions(
    template: &str,
    lists: &[&Param],
    bindings: &Bindings,
) -> Result<Vec<Bindings>, syn::Error> {
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
        return Ok(Vec::new());
    };
    let count = first.len();
    if let Some((_, _, span)) = lengths.iter().find(|(_, values, _)| values.len() != count) {
        let described: Vec<String> = lengths
            .iter()
            .map(|(name, values, _)| format!("`{name}` has {}", values.len()))
            .collect();
        return Err(syn::Error::new(
            *span,
            format!(
                "a repetition in `{template}` repeats over lists of one length, but {}: give \
                 them as many values each",
                described.join(" and ")
            ),
        ));
    }
    Ok((0..count)
        .map(|index| {
            let mut scope = bindings.clone();
            for (name, values, _) in &lengths {
                if let Some(value) = values.get(index) {
                    scope.insert(name.clone(), Binding::One(value.clone()));
                }
            }
            scope
        })
        .collect())
}

/// A `${..}`: the identifier or string it builds, at the span of the first argument it was
/// built from; an error when the arguments build no identifier.
pub fn built(
    template: &str,
    dollar: Span,
    expr: &CheckedExpr,
    bindings: &Bindings,
) -> Result<TokenStream, syn::Error> {
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
    let text = evaluate(expr, &mut text_of)?;
    let span = span.unwrap_or(dollar);
    if expr.builds_string() {
        return Ok(string(&text, span).into_token_stream());
    }
    match identifier(&text, span) {
        Some(ident) => Ok(ident.into_token_stream()),
        None => {
            let problem = identifier_problem(&text).unwrap_or("is not an identifier");
            Err(syn::Error::new(
                span,
                format!(
                    "template `{template}` builds an identifier from this argument: `{text}`, \
                     which {problem}; choose another value"
                ),
            ))
        }
    }
}
