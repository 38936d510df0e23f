//! Parameter kinds and the values written for them: one parser per kind, shared by a
//! template's defaults (checked at definition) and its arguments (at instantiation).

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitBool, LitInt, LitStr, Token};

/// What a parameter accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Ident,
    Type,
    Expr,
    Str,
    Int,
    Bool,
    Path,
    Tokens,
}

pub const KIND_NAMES: &[&str] = &[
    "ident", "type", "expr", "str", "int", "bool", "path", "tokens",
];

impl Kind {
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "ident" => Kind::Ident,
            "type" => Kind::Type,
            "expr" => Kind::Expr,
            "str" => Kind::Str,
            "int" => Kind::Int,
            "bool" => Kind::Bool,
            "path" => Kind::Path,
            "tokens" => Kind::Tokens,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Ident => "ident",
            Kind::Type => "type",
            Kind::Expr => "expr",
            Kind::Str => "str",
            Kind::Int => "int",
            Kind::Bool => "bool",
            Kind::Path => "path",
            Kind::Tokens => "tokens",
        }
    }

    /// What the kind is, for messages: "an identifier", "a type", ...
    pub fn described(self) -> &'static str {
        match self {
            Kind::Ident => "an identifier",
            Kind::Type => "a type",
            Kind::Expr => "an expression",
            Kind::Str => "a string literal",
            Kind::Int => "an integer literal",
            Kind::Bool => "`true` or `false`",
            Kind::Path => "a path",
            Kind::Tokens => "tokens",
        }
    }

    /// A value of the kind, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Kind::Ident => "UserRepo",
            Kind::Type => "Vec<u8>",
            Kind::Expr => "16 * 4",
            Kind::Str => "\"users\"",
            Kind::Int => "64",
            Kind::Bool => "true",
            Kind::Path => "crate::model::User",
            Kind::Tokens => "{ any tokens }",
        }
    }

    /// Whether its values have a text that can build identifiers (`${snake(x)}`).
    pub fn has_text(self) -> bool {
        matches!(self, Kind::Ident | Kind::Str | Kind::Int | Kind::Bool)
    }
}

/// One value, parsed.
#[derive(Clone)]
pub struct Value {
    /// The tokens as written.
    pub raw: TokenStream,
    /// The tokens as substituted: expressions and types inside an invisible group, as
    /// `macro_rules!` does with `$x:expr`, so that `$a * 2` keeps `a`'s precedence.
    pub tokens: TokenStream,
    /// The text identifiers are built from: an identifier's name, a string's value, an
    /// integer's digits, `true`/`false`.
    pub text: Option<String>,
    /// Where the value was written.
    pub span: Span,
}

/// A parameter's binding: one value, or a list for a `[kind]` parameter.
#[derive(Clone)]
pub enum Bound {
    One(Value),
    List(Vec<Value>),
}

impl Bound {
    /// The tokens as written: `value` or `[a, b]`.
    pub fn raw(&self) -> TokenStream {
        match self {
            Bound::One(value) => value.raw.clone(),
            Bound::List(values) => {
                let raw = values.iter().map(|value| &value.raw);
                quote::quote!([ #( #raw ),* ])
            }
        }
    }
}

/// Parses the value of `name`, a parameter of `kind` (a list of them when `list`).
pub fn parse_bound(input: ParseStream, name: &Ident, kind: Kind, list: bool) -> syn::Result<Bound> {
    let name = name.unraw();
    let starts_with_list = input.peek(syn::token::Bracket);
    if list {
        if !starts_with_list {
            return Err(input.error(format!(
                "`{name}` takes a list (`[{}]`): write `{name} = [{}, ..]`",
                kind.name(),
                kind.example()
            )));
        }
        let content;
        syn::bracketed!(content in input);
        let mut values = Vec::new();
        while !content.is_empty() {
            values.push(parse_one(&content, kind)?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        return Ok(Bound::List(values));
    }
    // `[u8]` is a type and `[1, 2]` an expression; for the other kinds brackets are a list.
    let is_list = starts_with_list
        && match kind {
            Kind::Expr | Kind::Tokens => false,
            Kind::Type => bracket_has_comma(input),
            _ => true,
        };
    if is_list {
        return Err(input.error(format!(
            "`{name}` takes one {}, not a list: write `{name} = {}`",
            kind.name(),
            kind.example()
        )));
    }
    parse_one(input, kind).map(Bound::One)
}

fn bracket_has_comma(input: ParseStream) -> bool {
    match input.cursor().token_tree() {
        Some((TokenTree::Group(group), _)) => group
            .stream()
            .into_iter()
            .any(|tree| matches!(tree, TokenTree::Punct(punct) if punct.as_char() == ',')),
        _ => false,
    }
}

/// One value of `kind`.
fn parse_one(input: ParseStream, kind: Kind) -> syn::Result<Value> {
    let span = input.span();
    let (raw, text, invisible) = match kind {
        Kind::Ident => {
            let ident: Ident = input.parse()?;
            let text = ident.unraw().to_string();
            (ident.into_token_stream(), Some(text), false)
        }
        Kind::Type => (input.parse::<syn::Type>()?.into_token_stream(), None, true),
        Kind::Expr => (input.parse::<syn::Expr>()?.into_token_stream(), None, true),
        Kind::Str => {
            let literal: LitStr = input.parse()?;
            let text = literal.value();
            (literal.into_token_stream(), Some(text), false)
        }
        Kind::Int => {
            let literal: LitInt = input.parse()?;
            let text = literal.base10_digits().to_owned();
            (literal.into_token_stream(), Some(text), false)
        }
        Kind::Bool => {
            let literal: LitBool = input.parse()?;
            let text = literal.value.to_string();
            (literal.into_token_stream(), Some(text), false)
        }
        Kind::Path => (input.parse::<syn::Path>()?.into_token_stream(), None, true),
        Kind::Tokens => (parse_tokens(input)?, None, false),
    };
    let tokens = if invisible {
        Group::new(Delimiter::None, raw.clone()).into_token_stream()
    } else {
        raw.clone()
    };
    Ok(Value {
        raw,
        tokens,
        text,
        span,
    })
}

/// Token trees up to the next `,` at this level; one `{ .. }` group is unwrapped, so that a
/// value with commas can be written `{ a, b }`.
fn parse_tokens(input: ParseStream) -> syn::Result<TokenStream> {
    let span = input.span();
    let mut trees = Vec::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        trees.push(input.parse::<TokenTree>()?);
    }
    match trees.as_slice() {
        [] => Err(syn::Error::new(span, "expected tokens")),
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Brace => Ok(group.stream()),
        _ => Ok(trees.into_iter().collect()),
    }
}

/// Skips token trees up to the next `,` at this level (not consuming it): recovery after a
/// bad value, so that the next argument is still checked.
pub fn skip_to_comma(input: ParseStream) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<TokenTree>().is_err() {
            break;
        }
    }
}
