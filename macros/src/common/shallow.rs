//! A module read only as deep as a macro that exposes its members needs: each item's
//! attributes, visibility, kind and name, a function's signature, a constant's type, and the
//! items of inline modules. Function bodies, constant values and every other item stay the
//! tokens the user wrote and are handed back to rustc as they came.
//!
//! Why not `syn::ItemMod`: parsing every body into syn's syntax tree and printing it back is
//! most of such a macro's run time (it runs unoptimised in a debug build, on every build of
//! the user's crate), while none of the bodies is read.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::buffer::Cursor;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, Item, Signature, Token, Type, Visibility};

use modsmith_rules::compose::Namespaces;

use super::errors::Errors;
use super::members::{MemberKind, item_namespaces};

/// An item of a module: its outer attributes (which the macro may change), and the rest.
pub struct ShallowItem {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub kind: ShallowKind,
    /// The tokens after the attributes, visibility included, as written; for an inline
    /// module, up to its name (its items follow, from [`ShallowKind::Module`]).
    pub tokens: TokenStream,
}

/// What an item is, as far as an exposing macro reads it.
pub enum ShallowKind {
    /// A function; its body is in the item's tokens.
    Fn(Signature),
    /// A function declared without a body, `fn f();`: not Rust in a module (rustc says so),
    /// but how `#[adaptive(optional)]` declares a function provided at run time.
    Declared(Signature),
    /// A named constant (`const _` is [`ShallowKind::Other`]); its value is in the tokens.
    Const { ident: Ident, ty: Type },
    /// A module, with its items when it is written inline.
    Module(ShallowModule),
    /// Any other item, with its name when it defines a type or a value.
    Other(Option<Named>),
}

/// The name of an item read whole ([`ShallowKind::Other`]): what it is and where its name
/// lives.
pub struct Named {
    pub ident: Ident,
    pub kind: MemberKind,
    pub namespaces: Namespaces,
}

/// A module: its name and, written inline, its inner attributes and items.
pub struct ShallowModule {
    pub ident: Ident,
    /// `None` for `mod name;`, whose items are in another file.
    pub content: Option<ModuleContent>,
}

/// The braces of an inline module and what is in them.
pub struct ModuleContent {
    pub brace: Span,
    /// `#![..]` attributes, kept as written.
    pub inner_attrs: Vec<Attribute>,
    pub items: Vec<ShallowItem>,
}

impl ShallowItem {
    /// An item written by the macro itself, emitted as `tokens`.
    pub fn verbatim(tokens: TokenStream) -> Self {
        ShallowItem {
            attrs: Vec::new(),
            vis: Visibility::Inherited,
            kind: ShallowKind::Other(None),
            tokens,
        }
    }

    /// The item's name, for the items that have one.
    pub fn ident(&self) -> Option<&Ident> {
        match &self.kind {
            ShallowKind::Fn(sig) | ShallowKind::Declared(sig) => Some(&sig.ident),
            ShallowKind::Const { ident, .. } => Some(ident),
            ShallowKind::Module(module) => Some(&module.ident),
            ShallowKind::Other(named) => named.as_ref().map(|named| &named.ident),
        }
    }

    /// The names a `use` item brings in (`use a::b;`, `use a::{b as c};`); none for other
    /// items and for globs, whose names are not in the tokens.
    pub fn imported_names(&self) -> Vec<Ident> {
        fn walk(tree: &syn::UseTree, found: &mut Vec<Ident>) {
            match tree {
                syn::UseTree::Path(path) => walk(&path.tree, found),
                syn::UseTree::Name(name) if name.ident != "self" => {
                    found.push(name.ident.clone());
                }
                syn::UseTree::Rename(rename) => found.push(rename.rename.clone()),
                syn::UseTree::Group(group) => {
                    group.items.iter().for_each(|tree| walk(tree, found));
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        if matches!(self.kind, ShallowKind::Other(None))
            && let Ok(item) = syn::parse2::<syn::ItemUse>(self.tokens.clone())
        {
            walk(&item.tree, &mut found);
        }
        found
    }
}

impl Parse for ShallowItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = Attribute::parse_outer(input)?;
        let begin = input.cursor();
        let ahead = input.fork();
        let vis: Visibility = ahead.parse()?;
        let kind = if is_fn(ahead.cursor()) {
            input.advance_to(&ahead);
            let sig: Signature = input.parse()?;
            if input.peek(Token![;]) {
                // `fn f();`: not Rust in a module, and rustc says so when it is handed back
                // as written, rather than failing the whole module here.
                input.parse::<Token![;]>()?;
                ShallowKind::Declared(sig)
            } else {
                skip_body(input)?;
                ShallowKind::Fn(sig)
            }
        } else if ahead.peek(Token![const])
            && ahead.peek2(Ident::peek_any)
            && !ahead.peek2(Token![_])
        {
            input.advance_to(&ahead);
            input.parse::<Token![const]>()?;
            let ident = input.call(Ident::parse_any)?;
            input.parse::<Token![:]>()?;
            let ty: Type = input.parse()?;
            skip_to_semicolon(input)?;
            ShallowKind::Const { ident, ty }
        } else if ahead.peek(Token![mod])
            || (ahead.peek(Token![unsafe]) && ahead.peek2(Token![mod]))
        {
            input.advance_to(&ahead);
            input.parse::<Option<Token![unsafe]>>()?;
            input.parse::<Token![mod]>()?;
            let ident = input.call(Ident::parse_any)?;
            let tokens = tokens_between(begin, input.cursor());
            let content = if input.peek(Token![;]) {
                let semi = input.parse::<Token![;]>()?;
                let mut tokens = tokens;
                semi.to_tokens(&mut tokens);
                return Ok(ShallowItem {
                    attrs,
                    vis,
                    kind: ShallowKind::Module(ShallowModule {
                        ident,
                        content: None,
                    }),
                    tokens,
                });
            } else {
                let content;
                let brace = syn::braced!(content in input);
                Some(ModuleContent {
                    brace: brace.span.join(),
                    inner_attrs: Attribute::parse_inner(&content)?,
                    items: parse_items(&content)?,
                })
            };
            return Ok(ShallowItem {
                attrs,
                vis,
                kind: ShallowKind::Module(ShallowModule { ident, content }),
                tokens,
            });
        } else {
            let item: Item = input.parse()?;
            ShallowKind::Other(named(&item))
        };
        Ok(ShallowItem {
            attrs,
            vis,
            kind,
            tokens: tokens_between(begin, input.cursor()),
        })
    }
}

/// The item an attribute for inline modules (`#[export_module]`, `#[adaptive]`) is written
/// on, read down to its members' signatures. `None` when it is not an inline module, with
/// the error pushed: `mod m;` is explained here (its items are in a file the attribute never
/// receives), any other item by `not_a_module`'s message.
pub fn inline_module(
    item: TokenStream,
    attribute: &str,
    errors: &mut Errors,
    not_a_module: impl FnOnce(&ShallowItem) -> String,
) -> Option<ShallowItem> {
    let item = match syn::parse2::<ShallowItem>(item) {
        Ok(item) => item,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    match &item.kind {
        ShallowKind::Module(module) if module.content.is_some() => return Some(item),
        ShallowKind::Module(module) => errors.spanned(
            &item.tokens,
            format!(
                "`#[{attribute}]` on `mod {0};` cannot see the module's body, which is in \
                 another file (an attribute only receives the tokens it is written on); write \
                 the module inline: `mod {0} {{ .. }}`",
                module.ident
            ),
        ),
        _ => errors.spanned(&item.tokens, not_a_module(&item)),
    }
    None
}

/// Items until the end of `input`.
pub fn parse_items(input: ParseStream) -> syn::Result<Vec<ShallowItem>> {
    let mut items = Vec::new();
    while !input.is_empty() {
        items.push(input.parse()?);
    }
    Ok(items)
}

impl ToTokens for ShallowItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append_all(&self.attrs);
        tokens.extend(self.tokens.clone());
        if let ShallowKind::Module(ShallowModule {
            content: Some(content),
            ..
        }) = &self.kind
        {
            let mut inner = TokenStream::new();
            inner.append_all(&content.inner_attrs);
            inner.append_all(&content.items);
            let mut group = Group::new(Delimiter::Brace, inner);
            group.set_span(content.brace);
            tokens.append(group);
        }
    }
}

/// Whether the cursor is at a function: `fn`, after any of `const`, `async`, `unsafe`,
/// `safe` and `extern "abi"`.
fn is_fn(mut cursor: Cursor) -> bool {
    while let Some((ident, next)) = cursor.ident() {
        if ident == "fn" {
            return true;
        }
        if !(ident == "const"
            || ident == "async"
            || ident == "unsafe"
            || ident == "safe"
            || ident == "extern")
        {
            return false;
        }
        cursor = match next.literal() {
            Some((_, after_abi)) if ident == "extern" => after_abi,
            _ => next,
        };
    }
    false
}

/// Steps over a function's body, `{ .. }`, without parsing it.
fn skip_body(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| match cursor.token_tree() {
        Some((TokenTree::Group(group), rest)) if group.delimiter() == Delimiter::Brace => {
            Ok(((), rest))
        }
        _ => Err(cursor.error("expected the function's body, `{ .. }`")),
    })
}

/// Steps over the rest of an item up to its `;`, without parsing it: an expression has no
/// `;` outside its groups.
fn skip_to_semicolon(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            rest = next;
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ';') {
                return Ok(((), rest));
            }
        }
        Err(cursor.error("expected `;` at the end of the constant"))
    })
}

/// The tokens from `begin` up to `end`, as they came: groups are handed on whole.
fn tokens_between(mut begin: Cursor, end: Cursor) -> TokenStream {
    let mut tokens = TokenStream::new();
    while begin < end {
        let Some((tree, next)) = begin.token_tree() else {
            break;
        };
        tokens.append(tree);
        begin = next;
    }
    tokens
}

/// The name of an item that defines a type or a value, with its kind and namespaces (a
/// `macro_rules!` name lives apart, and `use` and `extern crate` only bring names in).
fn named(item: &Item) -> Option<Named> {
    let (kind, ident) = match item {
        Item::Static(item) => (MemberKind::Static, &item.ident),
        Item::Struct(item) => (MemberKind::Struct, &item.ident),
        Item::Enum(item) => (MemberKind::Enum, &item.ident),
        Item::Type(item) => (MemberKind::Type, &item.ident),
        Item::Trait(item) => (MemberKind::Trait, &item.ident),
        Item::TraitAlias(item) => (MemberKind::Trait, &item.ident),
        Item::Union(item) => (MemberKind::Union, &item.ident),
        _ => return None,
    };
    Some(Named {
        ident: ident.clone(),
        kind,
        namespaces: item_namespaces(kind, item),
    })
}
