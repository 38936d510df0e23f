//! Tokens → model: template definitions, their parameters, and bodies as pieces (tokens,
//! `$param`, `${..}` built identifiers, `$( .. )*` repetitions). The same parser reads the
//! source a user wrote and the encoded copy a template's `macro_rules!` hands back, in which
//! every `$` is the identifier [`DOLLAR`] (a `macro_rules!` body would take `$x` for its own).

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitInt, LitStr, Meta, Token, Visibility};

use super::value::{Binding, Kind, parse_binding};
use crate::common::errors::Errors;
use crate::common::options::{CratePath, crate_path_expected};
use crate::common::recover;
use crate::common::suggest::did_you_mean;

/// What a `$` becomes in the encoded definition.
pub const DOLLAR: &str = "__modsmith_dollar";

/// The functions of `${..}`.
pub const FUNCTIONS: &[&str] = &["snake", "camel", "pascal", "upper", "concat", "stringify"];

/// Which text is being read.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// What the user wrote: `$` is a dollar, and an identifier written against a `${..}`
    /// (`${snake(x)}_len`) is glued to it.
    Source,
    /// The definition encoded by `define`: [`DOLLAR`] is a dollar; gluing was already done.
    Encoded,
}

pub struct Definition {
    /// The attributes the template's `macro_rules!` carries: all but `#[template(..)]`.
    pub attrs: Vec<Attribute>,
    /// `#[template(crate = path)]`: where the defining crate reaches modsmith.
    pub krate: Option<CratePath>,
    pub vis: Visibility,
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Vec<Piece>,
}

impl Definition {
    /// The parameter `name` stands for, if any.
    pub fn param(&self, name: &Ident) -> Option<&Param> {
        let name = name.unraw().to_string();
        self.params.iter().find(|param| param.key() == name)
    }

    /// The parameters' names as written (without `r#`), for messages.
    pub fn param_names(&self) -> Vec<String> {
        self.params.iter().map(Param::key).collect()
    }
}

pub struct Param {
    pub name: Ident,
    pub kind: Kind,
    pub list: bool,
    pub default: Option<Binding>,
}

impl Param {
    /// Its name without `r#`: what a use or an argument is matched against, and the key of
    /// its binding.
    pub fn key(&self) -> String {
        self.name.unraw().to_string()
    }

    /// `type`, `[ident]`: as declared.
    pub fn kind_text(&self) -> String {
        if self.list {
            format!("[{}]", self.kind.name())
        } else {
            self.kind.name().to_owned()
        }
    }
}

pub enum Piece {
    /// Any token but a group or a `$` construct.
    Token(TokenTree),
    Group {
        delimiter: Delimiter,
        span: Span,
        body: Vec<Piece>,
    },
    /// `$name`.
    Param { dollar: Span, name: Ident },
    /// `${..}`: an identifier or, with `stringify`, a string literal.
    Build {
        dollar: Span,
        /// The `{ .. }` group, whose end tells what is written against it.
        braces: Span,
        expr: BuildExpr,
    },
    /// `$( .. )*` or `$( .. ),*`.
    Repeat {
        dollar: Span,
        body: Vec<Piece>,
        separator: Option<TokenTree>,
    },
    /// `$$`: a literal `$`, for a `macro_rules!` inside a template.
    Dollar(Span),
    /// `$crate`: kept as is, so that the template's `macro_rules!` makes it the defining
    /// crate.
    Crate { dollar: Span, krate: Ident },
}

pub enum BuildExpr {
    /// A parameter, or in `concat` an undeclared name taken as text (`get_`).
    Name(Ident),
    /// Text written as a literal (or glued on): `"get_"`, `2`.
    Text(String, Span),
    Call {
        function: Function,
        name: Ident,
        args: Vec<BuildExpr>,
    },
}

impl BuildExpr {
    /// Whether it builds a string literal rather than an identifier.
    pub fn builds_string(&self) -> bool {
        matches!(
            self,
            BuildExpr::Call {
                function: Function::Stringify,
                ..
            }
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Snake,
    Camel,
    Pascal,
    Upper,
    Concat,
    Stringify,
}

/// Every `template` of a `template! { .. }`, each with whether it parsed without error
/// (after an error its body may have lost pieces).
pub fn definitions(input: TokenStream, errors: &mut Errors) -> Vec<(Definition, bool)> {
    let parser = |input: ParseStream| {
        let mut definitions = Vec::new();
        while !input.is_empty() {
            let checkpoint = errors.checkpoint();
            let definition = definition(input, Mode::Source, errors)?;
            definitions.push((definition, !errors.failed_since(checkpoint)));
        }
        Ok(definitions)
    };
    match parser.parse2(input) {
        Ok(definitions) => definitions,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    }
}

/// One definition: `#[attrs] vis template name(params) { body }`; in encoded mode without
/// attributes, visibility or the `template` word.
pub fn definition(input: ParseStream, mode: Mode, errors: &mut Errors) -> syn::Result<Definition> {
    let (attrs, krate, vis) = if mode == Mode::Source {
        let (attrs, krate) = options(input.call(Attribute::parse_outer)?, errors);
        let vis: Visibility = input.parse()?;
        let keyword = input.call(Ident::parse_any);
        if !keyword.as_ref().is_ok_and(|word| word == "template") {
            let span = keyword.map_or_else(|error| error.span(), |word| word.span());
            return Err(syn::Error::new(
                span,
                "expected a template: `pub template name(Param: kind, ..) { body }`",
            ));
        }
        (attrs, krate, vis)
    } else {
        (Vec::new(), None, Visibility::Inherited)
    };
    let name: Ident = input.parse()?;
    let content;
    syn::parenthesized!(content in input);
    let params = parameters(&content, errors);
    let content;
    syn::braced!(content in input);
    let body_tokens: TokenStream = content.parse()?;
    let body = pieces(body_tokens, mode, errors);
    Ok(Definition {
        attrs,
        krate,
        vis,
        name,
        params,
        body,
    })
}

/// What `#[template(..)]` holds, for anything else written there.
const OPTIONS_EXPECTED: &str = "`#[template(..)]` takes `crate = path`, where this crate reaches a renamed `modsmith`: \
     `#[template(crate = my_modsmith)]`";

/// The options of a template, `#[template(crate = path)]`, taken out of its attributes: the
/// attributes left, and the crate path if one was given.
fn options(attrs: Vec<Attribute>, errors: &mut Errors) -> (Vec<Attribute>, Option<CratePath>) {
    let (ours, kept): (Vec<Attribute>, Vec<Attribute>) = attrs
        .into_iter()
        .partition(|attr| attr.path().is_ident("template"));
    let mut krate = None;
    for attr in &ours {
        let Meta::List(list) = &attr.meta else {
            errors.spanned(attr, OPTIONS_EXPECTED);
            continue;
        };
        let items = errors.handle(NestedMeta::parse_meta_list(list.tokens.clone()));
        for item in items.iter().flatten() {
            option(item, &mut krate, errors);
        }
    }
    (kept, krate)
}

/// One option of `#[template(..)]`; `crate = path` is the only one.
fn option(item: &NestedMeta, krate: &mut Option<CratePath>, errors: &mut Errors) {
    let key = match item {
        NestedMeta::Meta(meta) => meta.path(),
        NestedMeta::NameValueInvalidExpr(invalid) => &invalid.path,
        NestedMeta::Lit(literal) => {
            errors.spanned(literal, OPTIONS_EXPECTED);
            return;
        }
    };
    if !key.is_ident("crate") {
        let word = darling::util::path_to_string(key);
        errors.spanned(
            key,
            format!(
                "`{word}` is not an option of `#[template(..)]`{}; the one option is \
                 `crate = path`, where this crate reaches a renamed `modsmith`",
                did_you_mean(&word, ["crate"])
            ),
        );
        return;
    }
    if krate.is_some() {
        errors.spanned(key, "`crate` is given twice; keep one of them");
    }
    let path = match item {
        // `crate = pub(crate)`: not even an expression.
        NestedMeta::NameValueInvalidExpr(invalid) => {
            Err(crate_path_expected().with_span(&invalid.value))
        }
        NestedMeta::Meta(meta) => CratePath::from_meta(meta),
        NestedMeta::Lit(_) => return,
    };
    if let Some(path) = errors.handle(path) {
        *krate = Some(path);
    }
}

/// `Name: kind`, `Name: kind = default`, `Name: [kind]`, separated by commas.
fn parameters(input: ParseStream, errors: &mut Errors) -> Vec<Param> {
    let mut params = Vec::new();
    while !input.is_empty() {
        match parameter(input, errors) {
            Ok(param) => params.push(param),
            Err(error) => {
                errors.push(error);
                recover::skip_to(input, Token![,]);
            }
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            errors.push(error);
            recover::skip_past(input, Token![,]);
        }
    }
    params
}

fn parameter(input: ParseStream, errors: &mut Errors) -> syn::Result<Param> {
    let name: Ident = input.parse()?;
    if !input.peek(Token![:]) {
        return Err(input.error(format!(
            "give `{0}` a kind: `{0}: ident`, or one of {1}, or a list `[kind]`",
            name.unraw(),
            Kind::names().collect::<Vec<_>>().join(", ")
        )));
    }
    input.parse::<Token![:]>()?;
    let (kind_word, list) = if input.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in input);
        let word = content.call(Ident::parse_any)?;
        if !content.is_empty() {
            let rest: TokenStream = content.parse()?;
            errors.spanned(
                rest,
                "a list holds values of one kind: write `[ident]`, `[type]`, ..",
            );
        }
        (word, true)
    } else {
        (input.call(Ident::parse_any)?, false)
    };
    let kind = Kind::from_name(&kind_word.to_string());
    if kind.is_none() {
        errors.spanned(
            &kind_word,
            format!(
                "`{kind_word}` is not a parameter kind{}; write one of {}, or a list `[kind]`",
                Kind::did_you_mean(&kind_word.to_string()),
                Kind::names().collect::<Vec<_>>().join(", ")
            ),
        );
    }
    let mut default = None;
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        match kind {
            Some(kind) => match parse_binding(input, &name, kind, list) {
                Ok(binding) => default = Some(binding),
                Err(error) => {
                    let message = error.to_string();
                    // The list messages already say what to write.
                    let message = if message.starts_with(&format!("`{}` takes", name.unraw())) {
                        format!("the default of {message}")
                    } else {
                        format!(
                            "the default of `{}` is not {}: {message}",
                            name.unraw(),
                            kind.described()
                        )
                    };
                    errors.at(error.span(), message);
                    recover::skip_to(input, Token![,]);
                }
            },
            None => recover::skip_to(input, Token![,]),
        }
    }
    // With an unknown kind, the parameter is kept as `tokens` (its error is reported), so
    // that its uses in the body are not reported too.
    Ok(Param {
        name,
        kind: kind.unwrap_or(Kind::Tokens),
        list,
        default,
    })
}

/// A body as pieces.
pub fn pieces(tokens: TokenStream, mode: Mode, errors: &mut Errors) -> Vec<Piece> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut pieces = Vec::new();
    let mut index = 0;
    while index < trees.len() {
        let tree = &trees[index];
        index += 1;
        if is_dollar(tree, mode) {
            let dollar = tree.span();
            match dollar_piece(dollar, &trees, &mut index, mode, errors) {
                Some(piece) => pieces.push(piece),
                None => continue,
            }
        } else if mode == Mode::Source && matches!(tree, TokenTree::Ident(ident) if ident == DOLLAR)
        {
            errors.spanned(
                tree,
                format!("`{DOLLAR}` is reserved: modsmith writes `$` as it in a stored template; rename it"),
            );
        } else if let TokenTree::Group(group) = tree {
            pieces.push(Piece::Group {
                delimiter: group.delimiter(),
                span: group.span(),
                body: self::pieces(group.stream(), mode, errors),
            });
        } else {
            pieces.push(Piece::Token(tree.clone()));
        }
    }
    if mode == Mode::Source {
        glue(&mut pieces);
    }
    pieces
}

fn is_dollar(tree: &TokenTree, mode: Mode) -> bool {
    match (tree, mode) {
        (TokenTree::Punct(punct), Mode::Source) => punct.as_char() == '$',
        (TokenTree::Ident(ident), Mode::Encoded) => ident == DOLLAR,
        _ => false,
    }
}

/// What follows a `$`, consumed from `trees`.
fn dollar_piece(
    dollar: Span,
    trees: &[TokenTree],
    index: &mut usize,
    mode: Mode,
    errors: &mut Errors,
) -> Option<Piece> {
    let next = trees.get(*index);
    *index += 1;
    match next {
        Some(tree) if is_dollar(tree, mode) => Some(Piece::Dollar(dollar)),
        Some(TokenTree::Ident(ident)) if ident == "crate" => Some(Piece::Crate {
            dollar,
            krate: ident.clone(),
        }),
        Some(TokenTree::Ident(ident)) => Some(Piece::Param {
            dollar,
            name: ident.clone(),
        }),
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
            let parser = |input: ParseStream| {
                let expr = build_expr(input)?;
                if !input.is_empty() {
                    return Err(input.error(
                        "one expression per `${..}`: combine them, e.g. `${concat(get_, snake(name))}`",
                    ));
                }
                Ok(expr)
            };
            match parser.parse2(group.stream()) {
                Ok(expr) => Some(Piece::Build {
                    dollar,
                    braces: group.span(),
                    expr,
                }),
                Err(error) => {
                    errors.push(error);
                    None
                }
            }
        }
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
            let body = pieces(group.stream(), mode, errors);
            let star = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(punct)) if punct.as_char() == '*');
            let separator = if star(trees.get(*index)) {
                *index += 1;
                None
            } else if star(trees.get(*index + 1))
                && !matches!(trees.get(*index), Some(TokenTree::Group(_)))
            {
                *index += 2;
                trees.get(*index - 2).cloned()
            } else {
                errors.at(
                    group.span(),
                    "a repetition ends with `*`, after an optional separator: write `$( .. )*` or \
                     `$( .. ),*`",
                );
                return None;
            };
            Some(Piece::Repeat {
                dollar,
                body,
                separator,
            })
        }
        _ => {
            errors.at(
                dollar,
                "`$` starts a parameter (`$name`), a built identifier (`${snake(name)}`) or a \
                 repetition (`$( .. )*`); write `$$` for a `$` itself",
            );
            None
        }
    }
}

/// The inside of `${..}`: a name, a literal, or `function(args)`.
fn build_expr(input: ParseStream) -> syn::Result<BuildExpr> {
    if input.peek(LitStr) {
        let literal: LitStr = input.parse()?;
        return Ok(BuildExpr::Text(literal.value(), literal.span()));
    }
    if input.peek(LitInt) {
        let literal: LitInt = input.parse()?;
        return Ok(BuildExpr::Text(
            literal.base10_digits().to_owned(),
            literal.span(),
        ));
    }
    let name = input.call(Ident::parse_any)?;
    if !input.peek(syn::token::Paren) {
        return Ok(BuildExpr::Name(name));
    }
    let content;
    syn::parenthesized!(content in input);
    let mut args = Vec::new();
    while !content.is_empty() {
        args.push(build_expr(&content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    let word = name.to_string();
    let function = match word.as_str() {
        "snake" => Function::Snake,
        "camel" => Function::Camel,
        "pascal" => Function::Pascal,
        "upper" => Function::Upper,
        "concat" => Function::Concat,
        "stringify" => Function::Stringify,
        _ => {
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "unknown case conversion `{word}`{}; `${{..}}` knows {}",
                    did_you_mean(&word, FUNCTIONS.iter().copied()),
                    FUNCTIONS.join(", ")
                ),
            ));
        }
    };
    let single = function != Function::Concat;
    if args.is_empty() || (single && args.len() > 1) {
        let wanted = if single {
            "one argument"
        } else {
            "at least one argument"
        };
        return Err(syn::Error::new(
            name.span(),
            format!("`{word}` takes {wanted}, e.g. `{word}(name)`"),
        ));
    }
    Ok(BuildExpr::Call {
        function,
        name,
        args,
    })
}

/// An identifier or integer written against a `${..}` with no space (`get_${x}`,
/// `${snake(x)}_len`), or another `${..}` (`${a}_by_${b}`), is part of the identifier built:
/// the run is folded into one `concat`.
fn glue(pieces: &mut Vec<Piece>) {
    let mut glued: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        let touches_previous =
            glued
                .last()
                .is_some_and(|previous| match (edges(previous), edges(&piece)) {
                    (Some((_, end, previous_built)), Some((start, _, built))) => {
                        (previous_built || built) && touching(end, start)
                    }
                    _ => false,
                });
        match glued.pop() {
            Some(previous) if touches_previous => glued.push(merge(previous, piece)),
            Some(previous) => {
                glued.push(previous);
                glued.push(piece);
            }
            None => glued.push(piece),
        }
    }
    *pieces = glued;
}

/// Where a gluable piece starts and ends, and whether it is a `${..}` (`stringify` builds a
/// string, which is never glued).
fn edges(piece: &Piece) -> Option<(Span, Span, bool)> {
    match piece {
        Piece::Build {
            dollar,
            braces,
            expr,
        } => (!expr.builds_string()).then_some((*dollar, *braces, true)),
        _ => gluable(piece).map(|(_, span)| (span, span, false)),
    }
}

/// Two touching pieces as one `${concat(..)}`.
fn merge(first: Piece, second: Piece) -> Piece {
    let (Some((start, _, _)), Some((_, end, _))) = (edges(&first), edges(&second)) else {
        return second;
    };
    let mut args = Vec::new();
    for piece in [first, second] {
        match piece {
            Piece::Build { expr, .. } => args.push(expr),
            other => {
                if let Some((text, span)) = gluable(&other) {
                    args.push(BuildExpr::Text(text, span));
                }
            }
        }
    }
    Piece::Build {
        dollar: start,
        braces: end,
        expr: BuildExpr::Call {
            function: Function::Concat,
            name: Ident::new("concat", start),
            args,
        },
    }
}

/// The text of an identifier or integer token.
fn gluable(piece: &Piece) -> Option<(String, Span)> {
    match piece {
        Piece::Token(TokenTree::Ident(ident)) => Some((ident.unraw().to_string(), ident.span())),
        Piece::Token(TokenTree::Literal(literal)) => {
            let text = literal.to_string();
            text.bytes()
                .all(|byte| byte.is_ascii_digit())
                .then(|| (text, literal.span()))
        }
        _ => None,
    }
}

/// Whether `first` ends exactly where `second` starts. Only known inside the compiler (the
/// locations of `proc_macro::Span`, stable since Rust 1.88); elsewhere, as in unit tests,
/// nothing touches.
fn touching(first: Span, second: Span) -> bool {
    if !proc_macro::is_available() {
        return false;
    }
    // `Span::unwrap` panics only for proc-macro2's fallback spans, which exist only outside
    // the compiler (checked just above): inside it every span is the compiler's.
    let (end, start) = (first.unwrap().end(), second.unwrap().start());
    end.line() == start.line() && end.column() == start.column()
}
