//! Parameter kinds and the values written for them: one parser per kind, shared by a
//! template's defaults (checked at definition) and its arguments (at instantiation).

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitBool, LitInt, LitStr, Token};

use crate::common::keywords::keywords;
use crate::common::type_shape::needs_parentheses_where_plus_ends;

keywords! {
    /// What a parameter accepts.
    pub enum Kind {
        Ident = "ident",
        Type = "type",
        Expr = "expr",
        Str = "str",
        Int = "int",
        Bool = "bool",
        Path = "path",
        Tokens = "tokens",
    }
}

impl Kind {
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
    /// The tokens as substituted: an expression that is not atomic in parentheses, so that
    /// `$a * 2` keeps `a`'s precedence (`macro_rules!` uses invisible groups for this, but
    /// the compiler ignores those from proc macros: rust-lang/rust#67062); likewise a type
    /// that `&$T` would cut short (`dyn A + B`, `dyn A +`).
    pub tokens: TokenStream,
    /// The text identifiers are built from: an identifier's name, a string's value, an
    /// integer's digits, `true`/`false`.
    pub text: Option<String>,
    /// Where the value was written.
    pub span: Span,
}

/// Every parameter's value, by name: what a call binds.
pub type Bindings = std::collections::BTreeMap<String, Binding>;

/// A parameter's binding: one value, or a list for a `[kind]` parameter (with where the
/// list was written).
#[derive(Clone)]
pub enum Binding {
    One(Value),
    List(Vec<Value>, Span),
}

impl Binding {
    /// The tokens as written: `value` or `[a, b]`.
    pub fn raw(&self) -> TokenStream {
        match self {
            Binding::One(value) => value.raw.clone(),
            Binding::List(values, _) => {
                let raw = values.iter().map(|value| &value.raw);
                quote::quote!([ #( #raw ),* ])
            }
        }
    }
}

/// Parses the value of `name`, a parameter of `kind` (a list of them when `list`).
pub fn parse_binding(
    input: ParseStream,
    name: &Ident,
    kind: Kind,
    list: bool,
) -> syn::Result<Binding> {
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
        let list_span = input.span();
        let content;
        syn::bracketed!(content in input);
        let mut values = Vec::new();
        let parsed = (|| {
            while !content.is_empty() {
                values.push(parse_one(&content, &name, kind)?);
                if content.is_empty() {
                    break;
                }
                content.parse::<Token![,]>()?;
            }
            Ok(())
        })();
        if let Err(error) = parsed {
            // The rest of the list is consumed, so that only this error is reported.
            let _ = content.parse::<TokenStream>();
            return Err(error);
        }
        return Ok(Binding::List(values, list_span));
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
    parse_one(input, &name, kind).map(Binding::One)
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

/// One value of `kind`, for the parameter `name`.
fn parse_one(input: ParseStream, name: &Ident, kind: Kind) -> syn::Result<Value> {
    let span = input.span();
    let (raw, text, parenthesize) = match kind {
        Kind::Ident => {
            not_a_path(input, name)?;
            let ident: Ident = input.parse()?;
            let text = ident.unraw().to_string();
            (ident.into_token_stream(), Some(text), false)
        }
        Kind::Type => {
            let ty: syn::Type = input.parse()?;
            let parenthesize = needs_parentheses_where_plus_ends(&ty);
            (ty.into_token_stream(), None, parenthesize)
        }
        Kind::Expr => {
            let expr: syn::Expr = input.parse()?;
            let parenthesize = expr_needs_parentheses(&expr);
            (expr.into_token_stream(), None, parenthesize)
        }
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
        Kind::Path => (input.parse::<syn::Path>()?.into_token_stream(), None, false),
        Kind::Tokens => {
            let (raw, unwrapped) = parse_tokens(input)?;
            return Ok(Value {
                raw,
                tokens: unwrapped,
                text: None,
                span,
            });
        }
    };
    let tokens = if parenthesize {
        // Spanned in the macro's expansion, so that `unused_parens` does not fire where the
        // parentheses turn out unneeded (`const N: u32 = $n;`).
        let mut group = Group::new(Delimiter::Parenthesis, raw.clone());
        group.set_span(Span::call_site());
        group.into_token_stream()
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

/// `a::B` where an identifier goes: the path is refused as a whole, with its last name as
/// the value to write, rather than `a` taken and `::B` left as stray tokens.
fn not_a_path(input: ParseStream, name: &Ident) -> syn::Result<()> {
    let is_path = input.peek(Token![::]) || (input.peek(Ident) && input.peek2(Token![::]));
    if !is_path {
        return Ok(());
    }
    let fork = input.fork();
    let Ok(path) = fork.call(syn::Path::parse_mod_style) else {
        return Ok(());
    };
    let last = path.segments.last().map_or_else(
        || "Name".to_owned(),
        |segment| segment.ident.unraw().to_string(),
    );
    let written = crate::common::source_text::source_text(path.to_token_stream());
    Err(syn::Error::new_spanned(
        &path,
        format!(
            "`{name}` takes an identifier, not a path: write one name, e.g. `{name} = {last}` \
             (after `use {written};`, if it is to name that item)"
        ),
    ))
}

/// Token trees up to the next `,` at this level; one `{ .. }` group is unwrapped, so that a
/// value with commas can be written `{ a, b }`.
/// (as written, as substituted).
fn parse_tokens(input: ParseStream) -> syn::Result<(TokenStream, TokenStream)> {
    let span = input.span();
    let mut trees = Vec::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        trees.push(input.parse::<TokenTree>()?);
    }
    let unwrapped = match trees.as_slice() {
        [] => {
            return Err(syn::Error::new(
                span,
                "expected tokens (write `{}` for none)",
            ));
        }
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Brace => group.stream(),
        _ => trees.iter().cloned().collect(),
    };
    Ok((trees.into_iter().collect(), unwrapped))
}

/// Whether an expression could bind differently next to an operator: anything but literals,
/// paths and expressions that are already delimited or end in a postfix.
fn expr_needs_parentheses(expr: &syn::Expr) -> bool {
    !matches!(
        expr,
        syn::Expr::Lit(_)
            | syn::Expr::Path(_)
            | syn::Expr::Paren(_)
            | syn::Expr::Tuple(_)
            | syn::Expr::Array(_)
            | syn::Expr::Block(_)
            | syn::Expr::Macro(_)
            | syn::Expr::Call(_)
            | syn::Expr::MethodCall(_)
            | syn::Expr::Field(_)
            | syn::Expr::Index(_)
            | syn::Expr::Struct(_)
    )
}
