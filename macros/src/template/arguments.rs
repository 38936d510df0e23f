//! Tokens → checked arguments at instantiation: `[#[attrs] vis mod name;] Param = value, ..`,
//! each value parsed as its parameter's kind; missing parameters take their defaults.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Token, Visibility};

use super::parse::Definition;
use super::value::{Bindings, Kind, parse_binding};
use crate::common::errors::Errors;
use crate::common::recover;
use crate::common::suggest::{did_you_mean, listed};

/// `mod name;` at the start of a call: the instance goes in that module.
pub struct Module {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
}

pub struct Call {
    pub module: Option<Module>,
    pub bindings: Bindings,
}

pub fn bind(definition: &Definition, call: TokenStream, errors: &mut Errors) -> Call {
    let template = definition.name.unraw().to_string();
    // Where a missing parameter is reported: the call's first token, or the call itself.
    let call_span = call
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    let mut bindings = Bindings::new();
    // Parameters given an argument, good or bad: a bad one is not also "missing".
    let mut given = BTreeSet::new();
    // A call whose start cannot be read is reported as such, without "missing" errors for
    // the arguments that were not reached.
    let mut unread = false;
    let parser = |input: ParseStream| -> syn::Result<Option<Module>> {
        let module = module(input, &template)?;
        while !input.is_empty() {
            argument(input, definition, &mut bindings, &mut given, errors);
            if input.is_empty() {
                break;
            }
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            } else if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
                // `A = 1 B = 2`: the next argument is read as such.
                errors.at(input.span(), "expected `,` before this argument");
            } else {
                errors.at(
                    input.span(),
                    "unexpected tokens after the value; arguments are `Name = value`, separated \
                     by `,` (a `tokens` value with a `,` goes in `{ .. }`)",
                );
                recover::skip_past(input, Token![,]);
            }
        }
        Ok(module)
    };
    let module = match parser.parse2(call) {
        Ok(module) => module,
        Err(error) => {
            errors.push(error);
            unread = true;
            None
        }
    };
    let mut missing = Vec::new();
    for param in definition.params.iter().filter(|_| !unread) {
        let name = param.name.unraw().to_string();
        if given.contains(&name) {
            continue;
        }
        match &param.default {
            Some(default) => {
                bindings.insert(name, default.clone());
            }
            None => missing.push(param),
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|param| format!("`{}` ({})", param.name.unraw(), param.kind_text()))
            .collect();
        let example: Vec<String> = missing
            .iter()
            .map(|param| {
                let example = param.kind.example();
                if param.list {
                    format!("{} = [{example}]", param.name.unraw())
                } else {
                    format!("{} = {example}", param.name.unraw())
                }
            })
            .collect();
        errors.at(
            call_span,
            format!(
                "template `{template}` needs {}: add `{}`",
                names.join(", "),
                example.join(", ")
            ),
        );
    }
    Call { module, bindings }
}

/// `#[attrs] vis mod name;`, when the call starts with one.
fn module(input: ParseStream, template: &str) -> syn::Result<Option<Module>> {
    let fork = input.fork();
    let _ = fork.call(Attribute::parse_outer)?;
    let _: Visibility = fork.parse()?;
    if !fork.peek(Token![mod]) {
        if input.peek(Token![#]) || input.peek(Token![pub]) {
            return Err(input.error(format!(
                "attributes and visibility go on a module: `{template}! {{ pub mod name; .. }}`"
            )));
        }
        return Ok(None);
    }
    let attrs = input.call(Attribute::parse_outer)?;
    let vis: Visibility = input.parse()?;
    input.parse::<Token![mod]>()?;
    let name: Ident = input.parse()?;
    if !input.peek(Token![;]) {
        return Err(input.error(format!(
            "end the module with `;` and give the arguments after it: `mod {name}; Param = value, ..`"
        )));
    }
    input.parse::<Token![;]>()?;
    Ok(Some(Module { attrs, vis, name }))
}

/// `Name = value`, checked against the parameters and bound.
fn argument(
    input: ParseStream,
    definition: &Definition,
    bindings: &mut Bindings,
    given: &mut BTreeSet<String>,
    errors: &mut Errors,
) {
    let template = definition.name.unraw();
    let name = match input.call(Ident::parse_any) {
        Ok(name) => name,
        Err(_) => {
            errors.at(
                input.span(),
                format!("expected an argument: `Name = value` for a parameter of `{template}`"),
            );
            recover::skip_to(input, Token![,]);
            return;
        }
    };
    let text = name.unraw().to_string();
    if input.parse::<Token![=]>().is_err() {
        given.insert(text.clone());
        errors.at(
            input.span(),
            format!("write the argument as `{text} = value`"),
        );
        recover::skip_to(input, Token![,]);
        return;
    }
    let Some(param) = definition.param(&name) else {
        let names = definition.param_names();
        errors.spanned(
            &name,
            format!(
                "template `{template}` has no parameter `{text}`{}; its parameters: {}",
                did_you_mean(&text, names.iter().map(String::as_str)),
                listed(&names)
            ),
        );
        recover::skip_to(input, Token![,]);
        return;
    };
    if !given.insert(text.clone()) {
        errors.spanned(
            &name,
            format!("`{text}` is given twice; keep one `{text} = ..`"),
        );
        recover::skip_to(input, Token![,]);
        return;
    }
    let literal = input.peek(syn::Lit);
    match parse_binding(input, &param.name, param.kind, param.list) {
        Ok(binding) => {
            bindings.insert(text, binding);
        }
        Err(error) => {
            let message = error.to_string();
            // The list messages already say what to write.
            let message = if message.starts_with(&format!("`{text}` takes")) {
                message
            } else if literal && matches!(param.kind, Kind::Ident | Kind::Type | Kind::Path) {
                format!(
                    "`{text}` takes {}, not a literal: write it without quotes, e.g. `{text} = {}`",
                    param.kind.described(),
                    param.kind.example()
                )
            } else if param.list {
                format!(
                    "`{text}` takes a list of {}: {message}; for example `{text} = [{}]`",
                    param.kind.name(),
                    param.kind.example()
                )
            } else {
                format!(
                    "`{text}` takes {}: {message}; for example `{text} = {}`",
                    param.kind.described(),
                    param.kind.example()
                )
            };
            errors.at(error.span(), message);
            recover::skip_to(input, Token![,]);
        }
    }
}
