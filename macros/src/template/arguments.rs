//! Tokens → checked arguments at instantiation: `[#[attrs] vis mod name;] Param = value, ..`,
//! each value parsed as its parameter's kind; missing parameters take their defaults.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Token, Visibility};

use super::checked::CheckedPiece;
use super::parse::{Definition, Param};
use super::substitute::{built, repetitions};
use super::value::{Bindings, Kind, parse_binding};
use crate::common::errors::Errors;
use crate::common::recover;
use crate::common::source_text::source_text;
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
        let mut reading = Reading {
            definition,
            bindings: &mut bindings,
            given: &mut given,
            errors,
            position: 0,
            only_positional: true,
            previous: None,
        };
        while !input.is_empty() {
            reading.argument(input);
            reading.position += 1;
            if input.is_empty() {
                break;
            }
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            } else if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
                // `A = 1 B = 2`: the next argument is read as such.
                reading
                    .errors
                    .at(input.span(), "expected `,` before this argument");
            } else {
                reading.errors.at(
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

/// What the body makes of a call's bindings: the lists each repetition repeats over must be
/// as long as each other, and each `${..}` must build an identifier from the values (a
/// keyword does not). Checked before substituting, so that substituting has nothing to
/// report.
pub fn check_uses(
    template: &str,
    pieces: &[CheckedPiece],
    bindings: &Bindings,
    errors: &mut Errors,
) {
    for piece in pieces {
        match piece {
            CheckedPiece::Group { body, .. } => check_uses(template, body, bindings, errors),
            CheckedPiece::Build { dollar, expr } => {
                if let Err(error) = built(template, *dollar, expr, bindings) {
                    errors.push(error);
                }
            }
            CheckedPiece::Repeat { body, lists, .. } => {
                match repetitions(template, lists, bindings) {
                    Ok(scopes) => {
                        for scope in &scopes {
                            check_uses(template, body, scope, errors);
                        }
                    }
                    Err(error) => errors.push(error),
                }
            }
            CheckedPiece::Token(_)
            | CheckedPiece::Param { .. }
            | CheckedPiece::Dollar(_)
            | CheckedPiece::Crate { .. } => {}
        }
    }
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

/// The arguments of one call, read one at a time.
struct Reading<'a, 'e> {
    definition: &'a Definition,
    bindings: &'e mut Bindings,
    /// Parameters given an argument, good or bad: a bad one is not also "missing".
    given: &'e mut BTreeSet<String>,
    errors: &'e mut Errors,
    /// The argument's place in the call, from 0.
    position: usize,
    /// Whether every argument so far was a value without a name: a call written as if its
    /// arguments were positional, whose values can be matched to the parameters in order.
    only_positional: bool,
    /// The argument before, when it was `Name = value` for a `tokens` parameter: a value
    /// without a name after it is probably the rest of its tokens, cut at a `,`.
    previous: Option<(&'a Param, TokenStream)>,
}

impl<'a> Reading<'a, '_> {
    /// `Name = value`, checked against the parameters and bound; or a value without a name,
    /// reported with the name to give it.
    fn argument(&mut self, input: ParseStream) {
        let previous = self.previous.take();
        // A keyword first is a value (`dyn Debug`), unless an `=` says it is a name (`r#type`
        // is one either way).
        let named = input.peek(Ident::peek_any) && input.peek2(Token![=])
            || input.peek(Ident)
                && (input.peek2(Ident::peek_any)
                    || input.peek2(syn::Lit)
                    || self.starts_with_a_parameter(input));
        if named {
            self.only_positional = false;
            self.named(input);
        } else {
            self.unnamed(input, previous);
        }
    }

    /// Whether the input starts with the name of a parameter: `Name Point`, `Name: Point` or
    /// `Name,` is a `Name = ..` with its `=` (or more) left out, not a value.
    fn starts_with_a_parameter(&self, input: ParseStream) -> bool {
        input
            .fork()
            .call(Ident::parse_any)
            .is_ok_and(|name| self.definition.param(&name).is_some())
    }

    /// `Name = value`.
    fn named(&mut self, input: ParseStream) {
        let definition = self.definition;
        let template = definition.name.unraw();
        let Ok(name) = input.call(Ident::parse_any) else {
            return;
        };
        let text = name.unraw().to_string();
        let Ok(equals) = input.parse::<Token![=]>() else {
            self.given.insert(text.clone());
            // At the token where `=` belongs, or at the name when there is none.
            let span = if input.is_empty() || input.peek(Token![,]) {
                name.span()
            } else {
                input.span()
            };
            self.errors
                .at(span, format!("write the argument as `{text} = value`"));
            recover::skip_to(input, Token![,]);
            return;
        };
        let Some(param) = definition.param(&name) else {
            let names = definition.param_names();
            self.errors.spanned(
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
        if !self.given.insert(text.clone()) {
            self.errors.spanned(
                &name,
                format!("`{text}` is given twice; keep one `{text} = ..`"),
            );
            recover::skip_to(input, Token![,]);
            return;
        }
        if input.is_empty() || input.peek(Token![,]) {
            // Pointed at the `=`: at the end of the call there is no token to point at.
            let example = match (param.list, param.kind) {
                (true, kind) => format!("[{}]", kind.example()),
                (false, Kind::Tokens) => "{}".to_owned(),
                (false, kind) => kind.example().to_owned(),
            };
            self.errors.spanned(
                equals,
                format!("`{text}` has no value: write one after `=`, e.g. `{text} = {example}`"),
            );
            return;
        }
        let literal = input.peek(syn::Lit);
        match parse_binding(input, &param.name, param.kind, param.list) {
            Ok(binding) => {
                if param.kind == Kind::Tokens && !param.list {
                    self.previous = Some((param, binding.raw()));
                }
                self.bindings.insert(text, binding);
            }
            Err(error) => {
                let message = error.to_string();
                // The list and path messages already say what to write.
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
                if message == error.to_string() {
                    // Kept whole, so that it still spans all of what it points at (a path).
                    self.errors.push(error);
                } else {
                    self.errors.at(error.span(), message);
                }
                recover::skip_to(input, Token![,]);
            }
        }
    }

    /// A value without `Name =`: the rest of a `tokens` value cut at a `,`, or a value
    /// given by position.
    fn unnamed(&mut self, input: ParseStream, previous: Option<(&'a Param, TokenStream)>) {
        let template = self.definition.name.unraw();
        if let Some((param, raw)) = previous {
            self.rest_of_tokens(input, param, raw);
            return;
        }
        let param = self
            .definition
            .params
            .get(self.position)
            .filter(|_| self.only_positional);
        if let Some(param) = param
            && self.positional(input, param)
        {
            return;
        }
        self.only_positional = false;
        self.errors.at(
            input.span(),
            format!("expected an argument: `Name = value` for a parameter of `{template}`"),
        );
        recover::skip_to(input, Token![,]);
    }

    /// A value of `param`'s kind given by position (`t! { Point, u8 }`): reported with the
    /// name it needs, and counted as given, so that `param` is not also "missing". Whether
    /// it was one (and was read).
    fn positional(&mut self, input: ParseStream, param: &'a Param) -> bool {
        let fork = input.fork();
        let value = parse_binding(&fork, &param.name, param.kind, param.list);
        if value.is_err() || !(fork.is_empty() || fork.peek(Token![,])) {
            return false;
        }
        let mut written = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            match input.parse::<proc_macro2::TokenTree>() {
                Ok(tree) => written.extend([tree]),
                Err(_) => break,
            }
        }
        let name = param.name.unraw().to_string();
        self.given.insert(name.clone());
        self.errors.spanned(
            &written,
            format!(
                "template arguments are given by name: write `{name} = {}`",
                source_text(written.clone())
            ),
        );
        true
    }

    /// `body = 1, 2`: a `tokens` value ends at the first `,`, so the values without a name
    /// after it are reported together, with the `{ .. }` that keeps them in it.
    fn rest_of_tokens(&mut self, input: ParseStream, param: &Param, raw: TokenStream) {
        let mut rest = TokenStream::new();
        loop {
            while !input.is_empty() && !input.peek(Token![,]) {
                match input.parse::<proc_macro2::TokenTree>() {
                    Ok(tree) => rest.extend([tree]),
                    Err(_) => break,
                }
            }
            // A further value without a name is more of the same; a `Name = ..` is not.
            let fork = input.fork();
            let more = fork.parse::<Token![,]>().is_ok()
                && !fork.is_empty()
                && !(fork.peek(Ident::peek_any) && fork.peek2(Token![=]));
            if !more {
                break;
            }
            if let Ok(comma) = input.parse::<Token![,]>() {
                rest.extend(quote::ToTokens::into_token_stream(comma));
            }
        }
        let name = param.name.unraw();
        let (raw, written) = (source_text(raw), source_text(rest.clone()));
        self.errors.spanned(
            rest,
            format!(
                "a `tokens` value ends at the first `,`: to give `{name}` all of `{raw}, \
                 {written}`, write `{name} = {{ {raw}, {written} }}`"
            ),
        );
    }
}
