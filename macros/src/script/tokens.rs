//! rustc's tokens → the script language's tokens, with each token's compiler span kept by
//! index (a script [`Span`](modsmith_script::Span) inline is a range of token indices), and
//! the front end's diagnostics back to spanned errors and warnings.

use modsmith_script::{Delimiter, Diagnostic, Punct, Severity, Token, TokenKind};
use proc_macro2::{Spacing, Span, TokenStream, TokenTree};
use quote::quote_spanned;

use crate::common::errors::Errors;
use crate::common::warning::Warnings;

/// An inline script's tokens and their compiler spans.
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub spans: Vec<Span>,
}

impl Lexed {
    /// The compiler span of a script span's first token.
    pub fn span(&self, span: modsmith_script::Span) -> Span {
        self.spans
            .get(span.start as usize)
            .or_else(|| self.spans.last())
            .copied()
            .unwrap_or_else(Span::call_site)
    }

    /// Tokens spanning a script span from its first to its last token, for an error that
    /// underlines all of it (`Errors::spanned`).
    fn range(&self, span: modsmith_script::Span) -> TokenStream {
        let first = self.span(span);
        let last = self.span(modsmith_script::Span::new(
            span.end.saturating_sub(1).max(span.start),
            span.end,
        ));
        let mut tokens = quote_spanned!(first=> start);
        tokens.extend(quote_spanned!(last=> end));
        tokens
    }

    /// An error underlining a script span's tokens.
    pub fn error(&self, span: modsmith_script::Span, message: String, errors: &mut Errors) {
        errors.spanned(self.range(span), message);
    }

    /// Each diagnostic as a compile error or a warning at its tokens.
    pub fn report(&self, diagnostics: &[Diagnostic], errors: &mut Errors, warnings: &mut Warnings) {
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => errors.spanned(self.range(diagnostic.span), &diagnostic.message),
                Severity::Warning => warnings.at(self.span(diagnostic.span), &diagnostic.message),
            }
        }
    }
}

/// The script's tokens. Literals and punctuation the language does not have are errors;
/// `///` comments (rustc's `#[doc = ".."]`) become doc tokens.
pub fn lex(input: TokenStream, errors: &mut Errors) -> Lexed {
    let mut lexed = Lexed {
        tokens: Vec::new(),
        spans: Vec::new(),
    };
    walk(input, &mut lexed, errors);
    lexed
}

fn push(lexed: &mut Lexed, kind: TokenKind, span: Span) {
    let at = u32::try_from(lexed.tokens.len()).unwrap_or(u32::MAX);
    lexed.tokens.push(Token {
        kind,
        span: modsmith_script::Span::new(at, at.saturating_add(1)),
    });
    lexed.spans.push(span);
}

fn walk(input: TokenStream, lexed: &mut Lexed, errors: &mut Errors) {
    let mut trees = input.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let name = name.strip_prefix("r#").map(str::to_owned).unwrap_or(name);
                push(lexed, TokenKind::Ident(name), ident.span());
            }
            TokenTree::Group(group) => {
                let delimiter = match group.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => Delimiter::Paren,
                    proc_macro2::Delimiter::Bracket => Delimiter::Bracket,
                    proc_macro2::Delimiter::Brace => Delimiter::Brace,
                    // An invisible group (a macro's fragment): its tokens, as written.
                    proc_macro2::Delimiter::None => {
                        walk(group.stream(), lexed, errors);
                        continue;
                    }
                };
                push(lexed, TokenKind::Open(delimiter), group.span_open());
                walk(group.stream(), lexed, errors);
                push(lexed, TokenKind::Close(delimiter), group.span_close());
            }
            TokenTree::Literal(literal) => {
                let span = literal.span();
                match syn::parse2::<syn::Lit>(TokenTree::Literal(literal).into()) {
                    Ok(syn::Lit::Int(int)) if int.suffix().is_empty() => {
                        push(lexed, TokenKind::Int(int.base10_digits().to_owned()), span);
                    }
                    Ok(syn::Lit::Float(float)) if float.suffix().is_empty() => {
                        push(
                            lexed,
                            TokenKind::Float(float.base10_digits().to_owned()),
                            span,
                        );
                    }
                    Ok(syn::Lit::Str(text)) if text.suffix().is_empty() => {
                        push(lexed, TokenKind::Str(text.value()), span);
                    }
                    _ => errors.at(
                        span,
                        "the language's literals are integers (`42`), floats (`2.5`) and \
                         strings (`\"text\"`), without suffixes",
                    ),
                }
            }
            TokenTree::Punct(punct) if punct.as_char() == '#' => {
                // `///` arrives as `#[doc = ".."]`.
                match trees.next() {
                    Some(TokenTree::Group(group)) => match doc_text(group.stream()) {
                        Some(text) => push(lexed, TokenKind::Doc(text), punct.span()),
                        None => errors.at(
                            group.span(),
                            "scripts take no attributes; a `///` comment documents an item",
                        ),
                    },
                    _ => errors.at(punct.span(), "`#` is not part of the language"),
                }
            }
            TokenTree::Punct(punct) => {
                let first = punct.as_char();
                let joined = match trees.peek() {
                    Some(TokenTree::Punct(next)) if punct.spacing() == Spacing::Joint => {
                        two_char(first, next.as_char())
                    }
                    _ => None,
                };
                let found = match joined {
                    Some(found) => {
                        trees.next();
                        Some(found)
                    }
                    None => one_char(first),
                };
                match found {
                    Some(found) => push(lexed, TokenKind::Punct(found), punct.span()),
                    None => errors.at(
                        punct.span(),
                        format!("`{first}` is not an operator of the language"),
                    ),
                }
            }
        }
    }
}

/// The text of `[doc = ".."]`.
fn doc_text(attribute: TokenStream) -> Option<String> {
    let meta: syn::MetaNameValue = syn::parse2(attribute).ok()?;
    if !meta.path.is_ident("doc") {
        return None;
    }
    match meta.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

fn two_char(first: char, second: char) -> Option<Punct> {
    Punct::ALL.iter().copied().find(|punct| {
        let mut text = punct.text().chars();
        text.next() == Some(first) && text.next() == Some(second) && text.next().is_none()
    })
}

fn one_char(first: char) -> Option<Punct> {
    Punct::ALL.iter().copied().find(|punct| {
        let mut text = punct.text().chars();
        text.next() == Some(first) && text.next().is_none()
    })
}
