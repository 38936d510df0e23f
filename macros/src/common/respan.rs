//! Re-spanning and rewriting tokens that generated code copies from one place to another.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;

/// The tokens, each moved to `span`'s location while keeping call-site hygiene, so that a
/// compiler error about generated code (a missing trait, say) points at the user's option
/// that caused it.
pub fn located_at(tokens: &TokenStream, span: Span) -> TokenStream {
    let location = Span::call_site().located_at(span);
    relocated(tokens, location, &|_| true).unwrap_or_default()
}

/// [`located_at`], for tokens that may hold the user's: unchanged when moving them would
/// change what they mean. An identifier takes its edition and `$crate` its crate from its
/// span, so tokens holding `$crate` or a name that is a keyword only in newer editions
/// (`gen` in a 2021 crate) keep their spans, and errors then point where they did.
pub fn located_at_if_meaning_kept(tokens: &TokenStream, span: Span) -> TokenStream {
    let location = Span::call_site().located_at(span);
    let keeps_meaning = |ident: &proc_macro2::Ident| {
        let name = ident.to_string();
        name != "$crate" && !NEWER_KEYWORDS.contains(&name.trim_start_matches("r#"))
    };
    relocated(tokens, location, &keeps_meaning).unwrap_or_else(|| tokens.clone())
}

/// The tokens moved to `location`, in one walk (each walk of a stream crosses the bridge to
/// the compiler and back, so checking and moving in separate walks cost twice); `None` as
/// soon as an identifier may not move.
fn relocated(
    tokens: &TokenStream,
    location: Span,
    may_move: &dyn Fn(&proc_macro2::Ident) -> bool,
) -> Option<TokenStream> {
    let mut out = Vec::new();
    for mut token in tokens.clone() {
        match &mut token {
            TokenTree::Group(group) => {
                let mut inner = Group::new(
                    group.delimiter(),
                    relocated(&group.stream(), location, may_move)?,
                );
                inner.set_span(location);
                token = TokenTree::Group(inner);
            }
            TokenTree::Ident(ident) if !may_move(ident) => return None,
            _ => token.set_span(location),
        }
        out.push(token);
    }
    Some(out.into_iter().collect())
}

/// `tokens` with every `Self` replaced by `self_type`, for types and expressions written in
/// a struct but emitted into another type's items (its builder), where `Self` would mean the
/// builder. `Self::X` becomes `<Type>::X`, which reads the same in types and expressions.
pub fn replace_self(tokens: TokenStream, self_type: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        match token {
            TokenTree::Ident(ident) if ident == "Self" => {
                let is_path_start =
                    matches!(iter.peek(), Some(TokenTree::Punct(punct)) if punct.as_char() == ':');
                if is_path_start {
                    out.extend(quote!(<#self_type>));
                } else {
                    out.extend(self_type.clone());
                }
            }
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace_self(group.stream(), self_type));
                replaced.set_span(group.span());
                out.push(TokenTree::Group(replaced));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The user's identifier as a local of generated code: mixed-site hygiene, at the user's
/// location. An identifier takes its edition from its span's context, so a name that is a
/// keyword only in newer editions (`gen` from 2024, where this crate is written; `async`,
/// `await`, `dyn`, `try` from 2018) is made raw, which every edition reads as the plain name.
pub fn mixed_site_ident(ident: &syn::Ident) -> syn::Ident {
    let span = Span::mixed_site().located_at(ident.span());
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    if NEWER_KEYWORDS.contains(&name.as_str()) {
        syn::Ident::new_raw(&name, span)
    } else {
        let mut local = ident.clone();
        local.set_span(span);
        local
    }
}

/// The identifier, raw where its name is a keyword only in some editions (`gen`, `async`,
/// ...), with its span: it then reads as the plain name wherever it is expanded, whichever
/// edition rustc reads it with there (a name handed through another crate's macro).
pub fn edition_proof_ident(ident: &syn::Ident) -> syn::Ident {
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    if NEWER_KEYWORDS.contains(&name.as_str()) {
        syn::Ident::new_raw(&name, ident.span())
    } else {
        ident.clone()
    }
}

/// Keywords of editions after 2015 that were plain identifiers in an earlier one.
const NEWER_KEYWORDS: &[&str] = &["async", "await", "dyn", "try", "gen"];

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::replace_self;

    /// Token text without spaces: `>>` and `> >` differ only in spacing.
    fn compact(tokens: proc_macro2::TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn replaces_self_in_types_and_paths() {
        let node = quote!(Node<T>);
        assert_eq!(
            compact(replace_self(quote!(Option<Box<Self>>), &node)),
            "Option<Box<Node<T>>>"
        );
        assert_eq!(
            compact(replace_self(quote!(Self::DEFAULT + f(Self::new())), &node)),
            "<Node<T>>::DEFAULT+f(<Node<T>>::new())"
        );
        assert_eq!(compact(replace_self(quote!(SelfLike), &node)), "SelfLike");
    }
}
