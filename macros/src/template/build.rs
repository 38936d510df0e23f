//! The little language of `${..}`: case conversions and concatenation over parameters'
//! text, applied at definition (to sample values, to catch identifiers that can never be
//! valid) and at instantiation (to the arguments).

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::{Ident, LitStr};

use super::checked::{CheckedExpr, ParamUse};
use super::parse::Function;

/// The text `expr` builds. `text_of` gives a parameter's text; its flag says the parameter is
/// the direct argument of `stringify`, which takes any kind.
pub fn evaluate(
    expr: &CheckedExpr,
    text_of: &mut dyn FnMut(&ParamUse, bool) -> Result<String, syn::Error>,
) -> Result<String, syn::Error> {
    evaluate_in(expr, false, text_of)
}

fn evaluate_in(
    expr: &CheckedExpr,
    in_stringify: bool,
    text_of: &mut dyn FnMut(&ParamUse, bool) -> Result<String, syn::Error>,
) -> Result<String, syn::Error> {
    match expr {
        CheckedExpr::Param(used) => text_of(used, in_stringify),
        CheckedExpr::Text(text, _) => Ok(text.clone()),
        CheckedExpr::Call { function, args, .. } => {
            let stringify = *function == Function::Stringify;
            let mut texts = Vec::with_capacity(args.len());
            for arg in args {
                texts.push(evaluate_in(arg, stringify, text_of)?);
            }
            Ok(apply(*function, &texts))
        }
    }
}

/// What a function makes of the texts of its arguments.
pub fn apply(function: Function, texts: &[String]) -> String {
    let text = texts.concat();
    match function {
        Function::Snake => text.to_snake_case(),
        Function::Camel => text.to_lower_camel_case(),
        Function::Pascal => text.to_upper_camel_case(),
        Function::Upper => text.to_shouty_snake_case(),
        Function::Concat | Function::Stringify => text,
    }
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
