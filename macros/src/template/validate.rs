//! Model → checked model: a definition's parameters against its body. Names in `${concat(..)}`
//! that are not parameters become text; everything else must be declared, used, and used
//! where its kind fits.

use std::collections::BTreeSet;

use syn::Ident;
use syn::ext::IdentExt;

use super::build::{builds_string, evaluate, identifier_problem};
use super::parse::{BuildExpr, Definition, Function, Param, Piece};
use super::value::Kind;
use crate::common::errors::Errors;
use crate::common::suggest::{closest, did_you_mean};
use crate::common::warning::Warnings;

/// `parsed_cleanly`: no syntax error was reported, so every use of a parameter was seen and
/// an unused one is really unused.
pub fn check(
    definition: &mut Definition,
    parsed_cleanly: bool,
    errors: &mut Errors,
    warnings: &mut Warnings,
) {
    let mut seen = BTreeSet::new();
    for param in &definition.params {
        let name = param.name.unraw().to_string();
        if !seen.insert(name.clone()) {
            errors.spanned(
                &param.name,
                format!("`{name}` is declared twice; give each parameter its own name"),
            );
        }
    }
    let mut checker = Checker {
        template: definition.name.unraw().to_string(),
        params: &definition.params,
        used: BTreeSet::new(),
        errors,
        warnings,
    };
    checker.pieces(&mut definition.body, false);
    let used = checker.used;
    for param in definition.params.iter().filter(|_| parsed_cleanly) {
        let name = param.name.unraw().to_string();
        if !used.contains(&name) {
            errors.spanned(
                &param.name,
                format!(
                    "`{name}` is declared but never used in the body of `{}`; use it (`${name}`) \
                     or remove it",
                    definition.name.unraw()
                ),
            );
        }
    }
}

struct Checker<'a> {
    template: String,
    params: &'a [Param],
    used: BTreeSet<String>,
    errors: &'a mut Errors,
    warnings: &'a mut Warnings,
}

impl Checker<'_> {
    fn param(&self, name: &Ident) -> Option<&Param> {
        let name = name.unraw().to_string();
        self.params
            .iter()
            .find(|param| param.name.unraw() == name.as_str())
    }

    fn undeclared(&mut self, name: &Ident) {
        let text = name.unraw().to_string();
        let names: Vec<String> = self
            .params
            .iter()
            .map(|param| param.name.unraw().to_string())
            .collect();
        self.errors.spanned(
            name,
            format!(
                "`{text}` is not a parameter of `{}`{}; declare it, e.g. `{text}: ident`",
                self.template,
                did_you_mean(&text, names.iter().map(String::as_str))
            ),
        );
    }

    /// A use of a parameter: marks it used and checks lists against repetitions.
    fn used_here(&mut self, name: &Ident, in_repeat: bool) -> Option<(Kind, bool)> {
        let Some(param) = self.param(name) else {
            self.undeclared(name);
            return None;
        };
        let (kind, list) = (param.kind, param.list);
        self.used.insert(name.unraw().to_string());
        if list && !in_repeat {
            self.errors.spanned(
                name,
                format!(
                    "`{0}` is a list: use it inside a repetition, `$( .. ${0} .. )*`",
                    name.unraw()
                ),
            );
        }
        Some((kind, list))
    }

    fn pieces(&mut self, pieces: &mut [Piece], in_repeat: bool) {
        for piece in pieces {
            match piece {
                Piece::Token(_) | Piece::Dollar(_) | Piece::Crate { .. } => {}
                Piece::Group { body, .. } => self.pieces(body, in_repeat),
                Piece::Param { name, .. } => {
                    self.used_here(name, in_repeat);
                }
                Piece::Build { dollar, expr, .. } => {
                    let dollar = *dollar;
                    self.build(expr, None, in_repeat);
                    self.sample(expr, dollar);
                }
                Piece::Repeat { dollar, body, .. } => {
                    if !self.uses_a_list(body) {
                        self.errors.at(
                            *dollar,
                            "a repetition `$( .. )*` repeats once per value of a list parameter \
                             (`names: [ident]`), but uses none",
                        );
                    }
                    self.pieces(body, true);
                }
            }
        }
    }

    /// Resolves the names of a `${..}` expression; `function` is the call it is an argument of.
    fn build(&mut self, expr: &mut BuildExpr, function: Option<Function>, in_repeat: bool) {
        match expr {
            BuildExpr::Text(..) => {}
            BuildExpr::Name(name) => {
                if self.param(name).is_none() && function == Some(Function::Concat) {
                    let text = name.unraw().to_string();
                    let names: Vec<String> = self
                        .params
                        .iter()
                        .map(|param| param.name.unraw().to_string())
                        .collect();
                    // A misspelt parameter, not a fragment such as `get_` or `_len`.
                    let fragment = text.starts_with('_') || text.ends_with('_');
                    if let Some(close) =
                        closest(&text, names.iter().map(String::as_str)).filter(|_| !fragment)
                    {
                        self.warnings.at(
                            name.span(),
                            format!(
                                "`{text}` is not a parameter, so `concat` uses it as text; did \
                                 you mean the parameter `{close}`? (write `\"{text}\"` to keep \
                                 the text)"
                            ),
                        );
                    }
                    *expr = BuildExpr::Text(text, name.span());
                    return;
                }
                let name = name.clone();
                let Some((kind, _)) = self.used_here(&name, in_repeat) else {
                    return;
                };
                if !kind.has_text() && function != Some(Function::Stringify) {
                    self.errors.spanned(
                        &name,
                        format!(
                            "`{}` is a `{}` parameter; identifiers are built from ident, str, \
                             int and bool parameters (`stringify` takes any)",
                            name.unraw(),
                            kind.name()
                        ),
                    );
                }
            }
            BuildExpr::Call { function, args, .. } => {
                let function = *function;
                for arg in args {
                    self.build(arg, Some(function), in_repeat);
                }
            }
        }
    }

    /// Builds the identifier with a sample text for every parameter: an identifier that
    /// cannot be valid whatever the arguments (a leading digit, a keyword) is caught here.
    fn sample(&mut self, expr: &BuildExpr, dollar: proc_macro2::Span) {
        if builds_string(expr) {
            return;
        }
        let params = self.params;
        let mut text_of = |name: &Ident, _: bool| {
            let kind = params
                .iter()
                .find(|param| param.name.unraw() == name.unraw().to_string().as_str())
                .map(|param| param.kind);
            Ok(match kind {
                Some(Kind::Int) => "1".to_owned(),
                Some(Kind::Bool) => "true".to_owned(),
                _ => "Sample".to_owned(),
            })
        };
        if let Ok(text) = evaluate(expr, &mut text_of)
            && let Some(problem) = identifier_problem(&text)
        {
            let hint = if problem == "is a keyword" {
                "change its text"
            } else {
                "put a letter or `_` first, or build a string with `stringify(..)`"
            };
            self.errors.at(
                dollar,
                format!(
                    "this `${{..}}` can never build an identifier: with `Sample` for its \
                     parameters it builds `{text}`, which {problem}; {hint}"
                ),
            );
        }
    }

    /// Whether a list parameter is used in the pieces, outside nested repetitions.
    fn uses_a_list(&self, pieces: &[Piece]) -> bool {
        pieces.iter().any(|piece| match piece {
            Piece::Param { name, .. } => self.param(name).is_some_and(|param| param.list),
            Piece::Build { expr, .. } => self.expr_uses_a_list(expr),
            Piece::Group { body, .. } => self.uses_a_list(body),
            // A nested repetition's lists are its own.
            Piece::Repeat { .. } | Piece::Token(_) | Piece::Dollar(_) | Piece::Crate { .. } => {
                false
            }
        })
    }

    fn expr_uses_a_list(&self, expr: &BuildExpr) -> bool {
        match expr {
            BuildExpr::Name(name) => self.param(name).is_some_and(|param| param.list),
            BuildExpr::Text(..) => false,
            BuildExpr::Call { args, .. } => args.iter().any(|arg| self.expr_uses_a_list(arg)),
        }
    }
}
