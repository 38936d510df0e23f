//! The path generated code uses to reach the facade crate, and how a macro finds the user's
//! `crate = path` even when the rest of its options failed to parse.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Path};

/// `::modsmith` unless the user renamed the dependency with `crate = path`.
pub fn crate_path(user_path: Option<&Path>) -> Path {
    match user_path {
        Some(path) => path.clone(),
        None => syn::parse_quote!(::modsmith),
    }
}

/// The `crate = path` of a macro's helper attributes (`#[data(..)]`), read without judging
/// anything else in them, so that the fallback emitted next to errors names the right crate
/// even when the attributes are what failed.
pub fn lenient_crate_path(attrs: &[syn::Attribute], attribute: &str) -> Option<Path> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(attribute)) {
        let _ = attr.parse_nested_meta(|meta| visit_option(meta, &mut found));
    }
    found
}

/// The same for an attribute macro's own arguments (`#[instrument(crate = m, ..)]`).
pub fn lenient_crate_path_in_args(args: TokenStream) -> Option<Path> {
    let mut found = None;
    let parser = syn::meta::parser(|meta| visit_option(meta, &mut found));
    let _ = parser.parse2(args);
    found
}

/// Records `crate = path`; skips any other option without judging it.
fn visit_option(meta: ParseNestedMeta, found: &mut Option<Path>) -> syn::Result<()> {
    if meta.path.is_ident("crate") {
        // `crate = path` or, as darling also reads it, `crate = "path"`.
        if let Ok(value) = meta.value() {
            if value.peek(syn::LitStr) {
                if let Ok(text) = value.parse::<syn::LitStr>()
                    && let Ok(path) = text.parse::<Path>()
                {
                    *found = Some(path);
                }
            } else if let Ok(path) = value.parse::<Path>() {
                *found = Some(path);
            }
        }
    } else if meta.input.peek(syn::Token![=]) {
        // Skip the value of another key: `key = <expr>`.
        let _ = meta.value().and_then(|value| value.parse::<Expr>());
    } else if meta.input.peek(syn::token::Paren) {
        let _ = meta.parse_nested_meta(|_| Ok(()));
    }
    Ok(())
}

/// Parses `[$crate] rest`: the crate path a facade `macro_rules!` shim passes in (`compose!`,
/// `script!`), so that generated code names modsmith under whatever name the user's crate
/// gives it, and the user's input.
pub fn split_crate(input: TokenStream) -> syn::Result<(TokenStream, TokenStream)> {
    let parser = |input: ParseStream| {
        let content;
        syn::bracketed!(content in input);
        let krate: TokenStream = content.parse()?;
        let rest: TokenStream = input.parse()?;
        Ok((krate, rest))
    };
    parser.parse2(input)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::lenient_crate_path_in_args;

    #[test]
    fn finds_the_crate_among_broken_options() {
        let found = lenient_crate_path_in_args(quote!(level = 5, skip(a, b), crate = my::m, x));
        assert_eq!(found, Some(syn::parse_quote!(my::m)));
        assert_eq!(lenient_crate_path_in_args(quote!(level = "info")), None);
        let quoted = lenient_crate_path_in_args(quote!(level = 5, crate = "my::m"));
        assert_eq!(quoted, Some(syn::parse_quote!(my::m)));
    }
}
