//! Tokens → options: `#[composable]` or `#[composable(extra(struct UserBuilder, fn y))]`.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Token, parenthesized};

use crate::common::errors::Errors;
use crate::common::suggest::{did_you_mean, either};

/// The kinds `extra(..)` accepts, each naming the namespaces the member lives in.
pub const EXTRA_KINDS: &[&str] = &[
    "fn", "struct", "enum", "union", "trait", "type", "const", "static", "mod", "use",
];

/// The attribute's options.
#[derive(Default)]
pub struct Options {
    /// Members the attribute cannot see in the tokens, declared by the user.
    pub extra: Vec<(Ident, Ident)>,
}

/// Reads the options; every problem is pushed, and what was read is kept.
pub fn parse(args: TokenStream, errors: &mut Errors) -> Options {
    let mut options = Options::default();
    let parser = |input: ParseStream| {
        while !input.is_empty() {
            option(input, &mut options, errors)?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(())
    };
    if let Err(error) = parser.parse2(args) {
        errors.push(error);
    }
    options
}

fn option(input: ParseStream, options: &mut Options, errors: &mut Errors) -> syn::Result<()> {
    let name = input.call(Ident::parse_any)?;
    if name == "extra" {
        let content;
        parenthesized!(content in input);
        let mut members = Vec::new();
        while !content.is_empty() {
            members.push((
                content.call(Ident::parse_any)?,
                content.call(Ident::parse_any)?,
            ));
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        for (kind, ident) in members {
            if EXTRA_KINDS.iter().any(|known| kind == known) {
                options.extra.push((kind, ident));
            } else {
                let kinds = EXTRA_KINDS.iter().map(|kind| format!("`{kind}`"));
                errors.at(
                    kind.span(),
                    format!(
                        "`extra` takes members as `kind name`, the kind being {}: \
                         `extra(struct UserBuilder, fn helper)`",
                        either(kinds),
                    ),
                );
            }
        }
    } else if name == "crate" {
        // `crate = path`, as other modsmith macros take it: not needed here.
        let _: TokenStream = input.parse()?;
        errors.at(
            name.span(),
            "`#[composable]` takes no `crate = path`: what it writes never names modsmith, so \
             it works under any name of the dependency; remove the option",
        );
    } else {
        let _: TokenStream = input.step(|cursor| {
            // The rest of this option, up to the next `,`.
            let mut rest = *cursor;
            let mut skipped = TokenStream::new();
            while let Some((tree, next)) = rest.token_tree() {
                if matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                skipped.extend([tree]);
                rest = next;
            }
            Ok((skipped, rest))
        })?;
        errors.at(
            name.span(),
            format!(
                "unknown option `{name}` of `#[composable]`{}: its one option is \
                 `extra(kind name, ..)`, for members that a macro inside the module generates",
                did_you_mean(&name.to_string(), ["extra"]),
            ),
        );
    }
    Ok(())
}
