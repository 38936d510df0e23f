//! Tokens → model: the module `compose!` builds, its `#[compose(..)]` sources and policy, and
//! its local items.
//!
//! ```text
//! #[compose(crate::auth, billing(except(refund), rename(charge = bill)), policy = prefer(auth))]
//! pub mod app { #[compose(override)] pub fn login() {} }
//! ```

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, Path, Token, parenthesized};

use modsmith_rules::compose::Namespaces;

use crate::common::errors::Errors;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};
use crate::common::suggest::did_you_mean;

/// What the user asked for.
pub struct Input {
    /// The module as written, without its `#[compose(..)]` and its items' `#[compose(override)]`.
    pub module: ShallowItem,
    pub sources: Vec<SourceSpec>,
    pub policy: PolicySpec,
    /// The module's own items, in order (an item may define several names: a `use`).
    pub locals: Vec<Local>,
    /// The tokens of `#[compose(..)]`'s sources, for errors about the whole composition.
    pub sources_tokens: TokenStream,
}

/// One source: its path and what to take from it.
pub struct SourceSpec {
    pub path: Path,
    /// The path as written, which messages, `MEMBERS` and `prefer` name it by.
    pub text: String,
    pub only: Option<Vec<Ident>>,
    pub except: Vec<Ident>,
    pub renames: Vec<(Ident, Ident)>,
}

/// The conflict policy as written.
pub enum PolicySpec {
    Error,
    First,
    Last,
    Prefer(Path),
}

/// A name the composed module defines itself.
pub struct Local {
    pub ident: Ident,
    pub kind: &'static str,
    pub namespaces: Namespaces,
    /// `#[compose(override)]`, when the item says it overrides a source's member.
    pub overrides: Option<TokenStream>,
    /// `pub`: a member of the composed module's interface, listed in `MEMBERS`.
    pub public: bool,
}

const OPTIONS: &[&str] = &["policy"];
const RULES: &[&str] = &["only", "except", "rename"];
const POLICIES: &[&str] = &["error", "first", "last", "prefer"];

/// Reads the input; every problem is pushed. `None` when there is no module to build.
pub fn parse(input: TokenStream, errors: &mut Errors) -> Option<Input> {
    let mut module = match syn::parse2::<ShallowItem>(input.clone()) {
        Ok(module) => module,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let ShallowKind::Module(ShallowModule { ident, content }) = &mut module.kind else {
        errors.spanned(
            &input,
            "`compose!` builds a module: write `#[compose(source, ..)] pub mod name { .. }`",
        );
        return None;
    };
    let Some(content) = content else {
        errors.spanned(
            &*ident,
            format!(
                "`compose!` builds the module it is given, so it needs its body: `pub mod \
                 {ident} {{ .. }}`, with the items of its own inside, or none"
            ),
        );
        return None;
    };
    let mut sources = Vec::new();
    let mut policy = PolicySpec::Error;
    let mut sources_tokens = TokenStream::new();
    let mut found = false;
    let mut attrs = Vec::new();
    for attr in std::mem::take(&mut module.attrs) {
        if !attr.path().is_ident("compose") {
            attrs.push(attr);
            continue;
        }
        if found {
            errors.spanned(
                &attr,
                "a second `#[compose(..)]`: list every source and option in one",
            );
            continue;
        }
        found = true;
        sources_tokens = attr.to_token_stream();
        let parser = |input: ParseStream| compose_args(input, &mut sources, &mut policy, errors);
        if let Err(error) = attr.parse_args_with(parser) {
            errors.push(error);
        }
    }
    module.attrs = attrs;
    if !found {
        errors.spanned(
            &*ident,
            format!(
                "`compose!` needs its sources: write `#[compose(path::to::source, ..)]` above \
                 `mod {ident}`"
            ),
        );
    } else if sources.is_empty() {
        errors.spanned(
            &sources_tokens,
            "`#[compose(..)]` names no source: list the `#[composable]` modules to compose, \
             by path, `#[compose(crate::auth, billing)]`",
        );
    }
    let locals = locals(&mut content.items, errors);
    Some(Input {
        module,
        sources,
        policy,
        locals,
        sources_tokens,
    })
}

fn compose_args(
    input: ParseStream,
    sources: &mut Vec<SourceSpec>,
    policy: &mut PolicySpec,
    errors: &mut Errors,
) -> syn::Result<()> {
    while !input.is_empty() {
        let path = input.call(Path::parse_mod_style)?;
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            option(&path, input, policy, errors)?;
        } else {
            let mut source = SourceSpec {
                text: path_text(&path),
                path,
                only: None,
                except: Vec::new(),
                renames: Vec::new(),
            };
            if input.peek(syn::token::Paren) {
                let content;
                parenthesized!(content in input);
                rules(&content, &mut source, errors)?;
            }
            sources.push(source);
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(())
}

/// `name = value`, after the `=`.
fn option(
    name: &Path,
    input: ParseStream,
    policy: &mut PolicySpec,
    errors: &mut Errors,
) -> syn::Result<()> {
    let key = path_text(name);
    match key.as_str() {
        "policy" => {
            let word = input.call(Ident::parse_any)?;
            *policy = match word.to_string().as_str() {
                "error" => PolicySpec::Error,
                "first" => PolicySpec::First,
                "last" => PolicySpec::Last,
                "prefer" => {
                    let content;
                    parenthesized!(content in input);
                    PolicySpec::Prefer(content.call(Path::parse_mod_style)?)
                }
                other => {
                    errors.at(
                        word.span(),
                        format!(
                            "unknown policy `{other}`{}: write `policy = error` (the default: \
                             a name two sources define is an error), `first`, `last` or \
                             `prefer(source)`",
                            did_you_mean(other, POLICIES.iter().copied())
                        ),
                    );
                    skip_value(input)?;
                    PolicySpec::Error
                }
            };
        }
        "crate" => {
            skip_value(input)?;
            errors.spanned(
                name,
                "`compose!` takes no `crate = path`: it reaches modsmith through the \
                 `compose!` macro itself, under whatever name the dependency has; remove the \
                 option",
            );
        }
        _ => {
            skip_value(input)?;
            errors.spanned(
                name,
                format!(
                    "unknown option `{key}` of `#[compose(..)]`{}: it takes the sources, by \
                     path, and `policy = ..`",
                    did_you_mean(&key, OPTIONS.iter().copied())
                ),
            );
        }
    }
    Ok(())
}

/// A source's `only(..)`, `except(..)` and `rename(a = b, ..)`.
fn rules(input: ParseStream, source: &mut SourceSpec, errors: &mut Errors) -> syn::Result<()> {
    while !input.is_empty() {
        let rule = input.call(Ident::parse_any)?;
        let content;
        parenthesized!(content in input);
        match rule.to_string().as_str() {
            "only" => source.only = Some(names(&content)?),
            "except" => source.except.extend(names(&content)?),
            "rename" => {
                while !content.is_empty() {
                    let from = content.call(Ident::parse_any)?;
                    content.parse::<Token![=]>()?;
                    let to = content.call(Ident::parse_any)?;
                    source.renames.push((from, to));
                    if !content.is_empty() {
                        content.parse::<Token![,]>()?;
                    }
                }
            }
            other => {
                let _: TokenStream = content.parse()?;
                errors.at(
                    rule.span(),
                    format!(
                        "unknown rule `{other}` for source `{}`{}: a source takes `only(a, b)`, \
                         `except(a, b)` and `rename(old = new)`",
                        source.text,
                        did_you_mean(other, RULES.iter().copied())
                    ),
                );
            }
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(())
}

fn names(input: ParseStream) -> syn::Result<Vec<Ident>> {
    let mut names = Vec::new();
    while !input.is_empty() {
        names.push(input.call(Ident::parse_any)?);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(names)
}

/// Steps over an option's value up to the next `,`.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

/// The module's own items as names, each item's `#[compose(override)]` taken out.
fn locals(items: &mut [ShallowItem], errors: &mut Errors) -> Vec<Local> {
    let mut locals = Vec::new();
    for item in items {
        let overrides = take_override(&mut item.attrs, errors);
        let public = matches!(item.vis, syn::Visibility::Public(_));
        let mut add = |ident: &Ident, kind: &'static str, namespaces: Namespaces| {
            locals.push(Local {
                ident: ident.clone(),
                kind,
                namespaces,
                overrides: overrides.clone(),
                public,
            });
        };
        match &item.kind {
            ShallowKind::Fn(sig) | ShallowKind::Declared(sig) => {
                add(&sig.ident, "fn", Namespaces::VALUE);
            }
            ShallowKind::Const { ident, .. } => add(ident, "const", Namespaces::VALUE),
            ShallowKind::Module(module) => add(&module.ident, "mod", Namespaces::TYPE),
            ShallowKind::Other(Some(named)) => {
                add(&named.ident, named.kind.name(), named.namespaces)
            }
            ShallowKind::Other(None) => {
                for name in item.imported_names() {
                    add(&name, "use", Namespaces::TYPE.union(Namespaces::VALUE));
                }
            }
        }
        if let Some(marker) = &overrides
            && item.ident().is_none()
            && item.imported_names().is_empty()
        {
            errors.spanned(
                marker,
                "`#[compose(override)]` goes on an item with a name (a `fn`, `struct`, \
                 `const`, ..) that replaces a source's member of that name",
            );
        }
    }
    locals
}

/// Removes `#[compose(override)]` from an item's attributes, returning its tokens.
fn take_override(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> Option<TokenStream> {
    let mut found = None;
    attrs.retain(|attr| {
        if !attr.path().is_ident("compose") {
            return true;
        }
        let word = attr.parse_args_with(|input: ParseStream| {
            let word = input.call(Ident::parse_any)?;
            if input.is_empty() {
                Ok(word)
            } else {
                Err(input.error("expected `)`"))
            }
        });
        match word {
            Ok(word) if word == "override" => found = Some(attr.to_token_stream()),
            _ => errors.spanned(
                attr,
                "the one `#[compose(..)]` a local item takes is `#[compose(override)]`, to \
                 say it replaces a source's member of its name",
            ),
        }
        false
    });
    found
}

/// A path as written, without spaces: `crate::auth`.
pub fn path_text(path: &Path) -> String {
    path.to_token_stream().to_string().replace(' ', "")
}
