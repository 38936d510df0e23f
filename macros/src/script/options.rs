//! The options before a script's source: `file = "rules.ms"` (the source is that file) and
//! `bytecode = true` (the module also embeds its bytecode), each `name = value`, separated
//! by commas: `script!(pub file = "rules.ms", bytecode = true)`,
//! `script!(pub bytecode = true, module rules { .. })`.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use crate::common::suggest::did_you_mean;

/// The options given.
#[derive(Default)]
pub struct Options {
    /// `file = ".."`: the path, and the literal's span for errors.
    pub file: Option<(String, Span)>,
    /// `bytecode = true`.
    pub bytecode: bool,
}

const KNOWN: &str = "`script!` takes `file = \"path/to/rules.ms\"` (relative to the crate's \
                     directory) and `bytecode = true`, before the module";

/// The options, and the tokens after them (the inline source, with any doc comments that
/// came first).
pub fn split(input: TokenStream) -> syn::Result<(Options, TokenStream)> {
    let trees: Vec<TokenTree> = input.into_iter().collect();
    // Doc comments (`#[doc = ..]` pairs) belong to the module: past them, then back.
    let mut at = 0;
    while matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(trees.get(at + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
    {
        at += 2;
    }
    let docs = &trees[..at];
    let mut options = Options::default();
    let mut seen: Vec<String> = Vec::new();
    while let (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(eq))) =
        (trees.get(at), trees.get(at + 1))
    {
        if eq.as_char() != '=' || name == "module" {
            break;
        }
        let key = name.to_string();
        if seen.contains(&key) {
            return Err(syn::Error::new(
                name.span(),
                format!("`{key}` is given twice"),
            ));
        }
        seen.push(key.clone());
        let value = trees.get(at + 2);
        match key.as_str() {
            "file" => {
                let literal = value
                    .cloned()
                    .map(|tree| syn::parse2::<syn::LitStr>(tree.into()))
                    .transpose()
                    .ok()
                    .flatten()
                    .ok_or_else(|| {
                        syn::Error::new(
                            value.map_or(eq.span(), TokenTree::span),
                            "expected `file = \"path/to/rules.ms\"`, relative to the crate's \
                             directory",
                        )
                    })?;
                options.file = Some((literal.value(), literal.span()));
            }
            "bytecode" => {
                options.bytecode = match value {
                    Some(TokenTree::Ident(flag)) if flag == "true" => true,
                    Some(TokenTree::Ident(flag)) if flag == "false" => false,
                    other => {
                        return Err(syn::Error::new(
                            other.map_or(eq.span(), TokenTree::span),
                            "expected `bytecode = true` or `bytecode = false`",
                        ));
                    }
                };
            }
            _ => {
                return Err(syn::Error::new(
                    name.span(),
                    format!(
                        "unknown option `{key}`{}: {KNOWN}",
                        did_you_mean(&key, ["file", "bytecode"])
                    ),
                ));
            }
        }
        at += 3;
        match trees.get(at) {
            Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => at += 1,
            None => {}
            Some(other) => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected `,` after an option, then the next option or the module",
                ));
            }
        }
    }
    let rest = docs
        .iter()
        .chain(&trees[at.min(trees.len())..])
        .cloned()
        .collect();
    Ok((options, rest))
}
