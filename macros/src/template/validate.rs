//! Parsed model → checked model: a definition's body resolved against its parameters. Names
//! in `${concat(..)}` that are not parameters become text; every other name must be
//! declared, every parameter used, and each used where its kind fits.

use std::collections::BTreeSet;

use proc_macro2::Span;
use syn::Ident;
use syn::ext::IdentExt;

use super::build::{apply, identifier_problem};
use super::checked::{CheckedDefinition, CheckedExpr, CheckedPiece, ParamUse};
use super::parse::{BuildExpr, Definition, Function, Param, Piece};
use super::value::Kind;
use crate::common::errors::Errors;
use crate::common::suggest::{closest, did_you_mean};
use crate::common::warning::Warnings;

/// The text a parameter of any kind but `int` and `bool` holds when a `${..}` is tried out
/// at definition.
const SAMPLE: &str = "Sample";

/// Resolves every name in the body of `definition` to its parameter, checking each use and
/// each parameter: the checked definition, or `None` once anything is reported (every
/// problem is). `parsed_cleanly`: no syntax error was reported, so every use of a parameter
/// was seen and an unused one is really unused; after a syntax error the body may have lost
/// pieces, so there is no checked definition either.
pub fn resolve<'a>(
    definition: &'a Definition,
    parsed_cleanly: bool,
    errors: &mut Errors,
    warnings: &mut Warnings,
) -> Option<CheckedDefinition<'a>> {
    let checkpoint = errors.checkpoint();
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
    let mut resolver = Resolver {
        definition,
        template: definition.name.unraw().to_string(),
        used: BTreeSet::new(),
        errors,
        warnings,
    };
    let body = resolver.pieces(&definition.body, false);
    let used = resolver.used;
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
    (parsed_cleanly && !errors.failed_since(checkpoint))
        .then_some(CheckedDefinition { definition, body })
}

struct Resolver<'a, 'r> {
    definition: &'a Definition,
    template: String,
    used: BTreeSet<String>,
    errors: &'r mut Errors,
    warnings: &'r mut Warnings,
}

impl<'a> Resolver<'a, '_> {
    fn param(&self, name: &Ident) -> Option<&'a Param> {
        let definition: &'a Definition = self.definition;
        definition.param(name)
    }

    fn undeclared(&mut self, name: &Ident) {
        let text = name.unraw().to_string();
        let names = self.definition.param_names();
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
    fn used_here(&mut self, name: &Ident, in_repeat: bool) -> Option<&'a Param> {
        let Some(param) = self.param(name) else {
            self.undeclared(name);
            return None;
        };
        self.used.insert(name.unraw().to_string());
        if param.list && !in_repeat {
            self.errors.spanned(
                name,
                format!(
                    "`{0}` is a list: use it inside a repetition, `$( .. ${0} .. )*`",
                    name.unraw()
                ),
            );
        }
        Some(param)
    }

    /// The pieces that resolve; each one that does not is reported.
    fn pieces(&mut self, pieces: &[Piece], in_repeat: bool) -> Vec<CheckedPiece<'a>> {
        pieces
            .iter()
            .filter_map(|piece| self.piece(piece, in_repeat))
            .collect()
    }

    fn piece(&mut self, piece: &Piece, in_repeat: bool) -> Option<CheckedPiece<'a>> {
        Some(match piece {
            Piece::Token(tree) => CheckedPiece::Token(tree.clone()),
            Piece::Group {
                delimiter,
                span,
                body,
            } => CheckedPiece::Group {
                delimiter: *delimiter,
                span: *span,
                body: self.pieces(body, in_repeat),
            },
            Piece::Param { dollar, name } => CheckedPiece::Param {
                dollar: *dollar,
                used: ParamUse {
                    name: name.clone(),
                    param: self.used_here(name, in_repeat)?,
                },
            },
            Piece::Build { dollar, expr, .. } => {
                let mut tried = Vec::new();
                let (checked, sample) = self.expr(expr, None, in_repeat, &mut tried);
                if !expr.builds_string() {
                    self.never_an_identifier(&sample, &tried, *dollar);
                }
                CheckedPiece::Build {
                    dollar: *dollar,
                    expr: checked?,
                }
            }
            Piece::Repeat {
                dollar,
                body,
                separator,
            } => {
                let lists = self.lists_in(body);
                if lists.is_empty() {
                    self.errors.at(
                        *dollar,
                        "a repetition `$( .. )*` repeats once per value of a list parameter \
                         (`names: [ident]`), but uses none",
                    );
                }
                CheckedPiece::Repeat {
                    dollar: *dollar,
                    body: self.pieces(body, true),
                    separator: separator.clone(),
                    lists,
                }
            }
            Piece::Dollar(span) => CheckedPiece::Dollar(*span),
            Piece::Crate { dollar, krate } => CheckedPiece::Crate {
                dollar: *dollar,
                krate: krate.clone(),
            },
        })
    }

    /// Resolves the names of a `${..}` expression (`function`: the call it is an argument
    /// of), with the text it builds when every parameter holds a sample of its kind. A name
    /// that does not resolve still has a sample, so that the expression is tried out anyway
    /// and a problem with the rest of it (a digit first) is reported too. Each name tried
    /// with a sample is added to `tried`, with the sample.
    fn expr(
        &mut self,
        expr: &BuildExpr,
        function: Option<Function>,
        in_repeat: bool,
        tried: &mut Vec<(String, &'static str)>,
    ) -> (Option<CheckedExpr<'a>>, String) {
        match expr {
            BuildExpr::Text(text, span) => {
                (Some(CheckedExpr::Text(text.clone(), *span)), text.clone())
            }
            BuildExpr::Name(name) => {
                if self.param(name).is_none() && function == Some(Function::Concat) {
                    let text = name.unraw().to_string();
                    self.warn_if_misspelt(&text, name.span());
                    return (Some(CheckedExpr::Text(text.clone(), name.span())), text);
                }
                let Some(param) = self.used_here(name, in_repeat) else {
                    tried.push((name.unraw().to_string(), SAMPLE));
                    return (None, SAMPLE.to_owned());
                };
                if !param.kind.has_text() && function != Some(Function::Stringify) {
                    self.errors.spanned(
                        name,
                        format!(
                            "`{}` is a `{}` parameter; identifiers are built from ident, str, \
                             int and bool parameters (`stringify` takes any)",
                            name.unraw(),
                            param.kind.name()
                        ),
                    );
                }
                let used = ParamUse {
                    name: name.clone(),
                    param,
                };
                tried.push((name.unraw().to_string(), sample(param.kind)));
                (
                    Some(CheckedExpr::Param(used)),
                    sample(param.kind).to_owned(),
                )
            }
            BuildExpr::Call {
                function,
                name,
                args,
            } => {
                let mut checked = Vec::with_capacity(args.len());
                let mut samples = Vec::with_capacity(args.len());
                // Every argument is resolved, so that each problem is reported.
                for arg in args {
                    let (arg, sample) = self.expr(arg, Some(*function), in_repeat, tried);
                    checked.push(arg);
                    samples.push(sample);
                }
                let checked = checked.into_iter().collect::<Option<Vec<_>>>();
                let call = checked.map(|args| CheckedExpr::Call {
                    function: *function,
                    name: name.clone(),
                    args,
                });
                (call, apply(*function, &samples))
            }
        }
    }

    /// A name in `concat` that is no parameter is text; one close to a parameter's name is
    /// probably a misspelt parameter, not a fragment such as `get_` or `_len`.
    fn warn_if_misspelt(&mut self, text: &str, span: Span) {
        let fragment = text.starts_with('_') || text.ends_with('_');
        let names = self.definition.param_names();
        if let Some(close) = closest(text, names.iter().map(String::as_str)).filter(|_| !fragment) {
            self.warnings.at(
                span,
                format!(
                    "`{text}` is not a parameter, so `concat` uses it as text; did you mean the \
                     parameter `{close}`? (write `\"{text}\"` to keep the text)"
                ),
            );
        }
    }

    /// An identifier that the `${..}` at `dollar` builds from samples and that cannot be
    /// valid whatever the arguments (a leading digit, a keyword) is reported here, at
    /// definition. `tried`: the parameters it was tried with, and their samples.
    fn never_an_identifier(&mut self, sample: &str, tried: &[(String, &str)], dollar: Span) {
        let Some(problem) = identifier_problem(sample) else {
            return;
        };
        let hint = if problem == "is a keyword" {
            "change its text"
        } else {
            "put a letter or `_` first, or build a string with `stringify(..)`"
        };
        // Only the parameters it uses are named, each once; without any, its text alone is
        // to blame.
        let mut named = BTreeSet::new();
        let with: Vec<String> = tried
            .iter()
            .filter(|(name, _)| named.insert(name.as_str()))
            .map(|(name, sample)| format!("`{sample}` for `{name}`"))
            .collect();
        let message = if with.is_empty() {
            format!(
                "this `${{..}}` uses no parameter, so it always builds `{sample}`, which \
                 {problem}; {hint}"
            )
        } else {
            format!(
                "this `${{..}}` can never build an identifier: with {} it builds `{sample}`, \
                 which {problem}; {hint}",
                with.join(" and ")
            )
        };
        self.errors.at(dollar, message);
    }

    /// The list parameters used in `pieces` outside nested repetitions (whose lists are
    /// their own), each once, in the order they first appear.
    fn lists_in(&self, pieces: &[Piece]) -> Vec<&'a Param> {
        let mut lists = Vec::new();
        self.add_lists(pieces, &mut lists);
        lists
    }

    fn add_lists(&self, pieces: &[Piece], lists: &mut Vec<&'a Param>) {
        for piece in pieces {
            match piece {
                Piece::Param { name, .. } => self.add_list(name, lists),
                Piece::Build { expr, .. } => self.add_expr_lists(expr, lists),
                Piece::Group { body, .. } => self.add_lists(body, lists),
                Piece::Repeat { .. } | Piece::Token(_) | Piece::Dollar(_) | Piece::Crate { .. } => {
                }
            }
        }
    }

    fn add_expr_lists(&self, expr: &BuildExpr, lists: &mut Vec<&'a Param>) {
        match expr {
            BuildExpr::Name(name) => self.add_list(name, lists),
            BuildExpr::Text(..) => {}
            BuildExpr::Call { args, .. } => {
                for arg in args {
                    self.add_expr_lists(arg, lists);
                }
            }
        }
    }

    fn add_list(&self, name: &Ident, lists: &mut Vec<&'a Param>) {
        if let Some(param) = self.param(name).filter(|param| param.list)
            && !lists.iter().any(|known| std::ptr::eq(*known, param))
        {
            lists.push(param);
        }
    }
}

/// What a parameter of `kind` holds when a `${..}` is tried out at definition.
fn sample(kind: Kind) -> &'static str {
    match kind {
        Kind::Int => "1",
        Kind::Bool => "true",
        _ => SAMPLE,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::resolve;
    use crate::common::errors::Errors;
    use crate::common::warning::Warnings;
    use crate::template::checked::CheckedPiece;
    use crate::template::parse::definitions;

    fn messages(errors: Errors) -> Vec<String> {
        match errors.finish() {
            Ok(()) => Vec::new(),
            Err(combined) => combined
                .into_iter()
                .map(|error| error.to_string())
                .collect(),
        }
    }

    #[test]
    fn a_name_that_does_not_resolve_still_has_its_expression_tried_out() {
        let mut errors = Errors::new();
        let parsed = definitions(
            quote!(template t(name: ident) { pub fn ${concat(1, snake(nmae))}() {} struct $name; }),
            &mut errors,
        );
        let resolved = parsed.iter().map(|(definition, clean)| {
            resolve(definition, *clean, &mut errors, &mut Warnings::new()).is_some()
        });
        assert_eq!(resolved.collect::<Vec<_>>(), [false]);
        let messages = messages(errors);
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`nmae` is not a parameter of `t`"));
        assert!(messages[1].contains("it builds `1sample`"));
    }

    #[test]
    fn a_repetition_knows_its_lists_in_the_order_they_first_appear() {
        let mut errors = Errors::new();
        let parsed = definitions(
            quote!(template t(a: [ident], b: [ident], c: ident, d: [ident]) {
                $( ${concat(b, _x)} $c ($a $b) $( $d $a )* )*
            }),
            &mut errors,
        );
        let mut lists = Vec::new();
        for (definition, clean) in &parsed {
            let checked = resolve(definition, *clean, &mut errors, &mut Warnings::new());
            for piece in checked.iter().flat_map(|checked| &checked.body) {
                if let CheckedPiece::Repeat { lists: found, .. } = piece {
                    lists.extend(found.iter().map(|param| param.key()));
                }
            }
        }
        assert_eq!(messages(errors), Vec::<String>::new());
        assert_eq!(lists, ["b", "a"]);
    }
}
