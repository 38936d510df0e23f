//! The checked model: a definition whose body has every name resolved. Each `$name` and each
//! name in a `${..}` stands for its parameter (and so knows its kind), a name in `concat`
//! that is no parameter is text, and each repetition knows the lists it repeats over.
//! `validate` builds it from a parsed definition; `define` encodes it into the template's
//! `macro_rules!` and `substitute` fills it with an instance's arguments.

use proc_macro2::{Delimiter, Group, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::Ident;

use super::parse::{Definition, Function, Param};

pub struct CheckedDefinition<'a> {
    /// The definition as parsed, for what resolving leaves as it is: its attributes,
    /// visibility, name and parameters. Its body is superseded by `body`.
    pub definition: &'a Definition,
    pub body: Vec<CheckedPiece<'a>>,
}

pub enum CheckedPiece<'a> {
    /// Any token but a group or a `$` construct.
    Token(TokenTree),
    Group {
        delimiter: Delimiter,
        span: Span,
        body: Vec<CheckedPiece<'a>>,
    },
    /// `$name`.
    Param { dollar: Span, used: ParamUse<'a> },
    /// `${..}`: an identifier or, with `stringify`, a string literal.
    Build { dollar: Span, expr: CheckedExpr<'a> },
    /// `$( .. )*` or `$( .. ),*`.
    Repeat {
        dollar: Span,
        body: Vec<CheckedPiece<'a>>,
        separator: Option<TokenTree>,
        /// The list parameters its body uses outside nested repetitions, in the order they
        /// first appear: one copy of the body per value.
        lists: Vec<&'a Param>,
    },
    /// `$$`: a literal `$`.
    Dollar(Span),
    /// `$crate`, kept for the template's `macro_rules!` to resolve.
    Crate { dollar: Span, krate: Ident },
}

/// A use of a parameter in the body.
pub struct ParamUse<'a> {
    /// The name as written at the use, whose span errors point at.
    pub name: Ident,
    pub param: &'a Param,
}

/// The inside of a `${..}`.
pub enum CheckedExpr<'a> {
    Param(ParamUse<'a>),
    /// A literal, or a name in `concat` that is no parameter (`get_`).
    Text(String, Span),
    Call {
        function: Function,
        name: Ident,
        args: Vec<CheckedExpr<'a>>,
    },
}

impl CheckedExpr<'_> {
    /// Whether it builds a string literal rather than an identifier.
    pub fn builds_string(&self) -> bool {
        matches!(
            self,
            CheckedExpr::Call {
                function: Function::Stringify,
                ..
            }
        )
    }
}

/// What differs between the two writers of a checked body, `define` (encoding it) and
/// `substitute` (filling it in): its placeholders (`Param`, `Build`, `Repeat`, `Dollar`).
/// Tokens, groups and `$crate` are written the same by both, in [`write`].
pub trait PlaceholderWriter {
    fn placeholder(&mut self, piece: &CheckedPiece, out: &mut TokenStream);
}

/// The pieces as tokens, each placeholder as `writer` writes it.
pub fn write(pieces: &[CheckedPiece], writer: &mut impl PlaceholderWriter) -> TokenStream {
    let mut out = TokenStream::new();
    for piece in pieces {
        match piece {
            CheckedPiece::Token(tree) => out.extend([tree.clone()]),
            CheckedPiece::Group {
                delimiter,
                span,
                body,
            } => {
                let body = write(body, writer);
                out.extend([group_at(*delimiter, *span, body)]);
            }
            // Left as `$crate` for the template's `macro_rules!` to resolve.
            CheckedPiece::Crate { dollar, krate } => out.extend(dollar_crate(*dollar, krate)),
            placeholder => writer.placeholder(placeholder, &mut out),
        }
    }
    out
}

/// A group of the body around its written contents, where the group was written.
fn group_at(delimiter: Delimiter, span: Span, contents: TokenStream) -> TokenTree {
    let mut group = Group::new(delimiter, contents);
    group.set_span(span);
    TokenTree::Group(group)
}

/// `$crate`, where it was written.
fn dollar_crate(dollar: Span, krate: &Ident) -> [TokenTree; 2] {
    let mut punct = Punct::new('$', Spacing::Alone);
    punct.set_span(dollar);
    [TokenTree::Punct(punct), TokenTree::Ident(krate.clone())]
}
