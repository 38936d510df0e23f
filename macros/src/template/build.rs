//! The little language of `${..}`: case conversions and concatenation over parameters'
//! text, evaluated at definition (with sample values, to catch identifiers that can never
//! be valid) and at instantiation.

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::{Ident, LitStr};

use super::parse::{BuildExpr, Function};

/// The text `expr` builds. `text_of` gives a parameter's text; its flag says the name is the
/// direct argument of `stringify`, which takes any kind.
pub fn evaluate(
    expr: &BuildExpr,
    text_of: &mut dyn FnMut(&Ident, bool) -> Result<String, syn::Error>,
) -> Result<String, syn::Error> {
    evaluate_in(expr, false, text_of)
}

fn evaluate_in(
    expr: &BuildExpr,
    in_stringify: bool,
    text_of: &mut dyn FnMut(&Ident, bool) -> Result<String, syn::Error>,
) -> Result<String, syn::Error> {
    match expr {
        BuildExpr::Name(name) => text_of(name, in_stringify),
        BuildExpr::Text(text, _) => Ok(text.clone()),
        BuildExpr::Call { function, args, .. } => {
            let stringify = *function == Function::Stringify;
            let mut texts = Vec::with_capacity(args.len());
            for arg in args {
                texts.push(evaluate_in(arg, stringify, text_of)?);
            }
            let text = texts.concat();
            Ok(match function {
                Function::Snake => text.to_snake_case(),
                Function::Camel => text.to_lower_camel_case(),
                Function::Pascal => text.to_upper_camel_case(),
                Function::Upper => text.to_shouty_snake_case(),
                Function::Concat | Function::Stringify => text,
            })
        }
    }
}

/// Whether the expression builds a string literal rather than an identifier.
pub fn builds_string(expr: &BuildExpr) -> bool {
    matches!(
        expr,
        BuildExpr::Call {
            function: Function::Stringify,
            ..
        }
    )
}

/// What is wrong with `text` as an identifier, if anything: "is a keyword", ...
pub fn identifier_problem(text: &str) -> Option<&'static str> {
    if syn::parse_str::<Ident>(text).is_ok() {
        return None;
    }
    Some(if Ident::parse_any.parse_str(text).is_ok() {
        "is a keyword"
    } else {
        "is not a valid identifier"
    })
}

/// The identifier, at `span`; `None` when `text` is not one (see [`identifier_problem`]).
pub fn identifier(text: &str, span: Span) -> Option<Ident> {
    let mut ident = syn::parse_str::<Ident>(text).ok()?;
    ident.set_span(span);
    Some(ident)
}

/// The string literal, at `span`.
pub fn string(text: &str, span: Span) -> LitStr {
    LitStr::new(text, span)
}
