//! Source text of tokens as a person would write it (`Option<String>`, not
//! `Option < String >`), for reflection strings.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

pub fn source_text(tokens: TokenStream) -> String {
    let mut out = String::new();
    write_tokens(tokens, &mut out);
    out
}

fn write_tokens(tokens: TokenStream, out: &mut String) {
    let mut previous: Option<TokenTree> = None;
    // Set after the `>` of `->` or `=>`, which reads spaced unlike a closing generic `>`.
    let mut after_arrow = false;
    for token in tokens {
        if let Some(previous) = &previous
            && (after_arrow || needs_space(previous, &token))
        {
            out.push(' ');
        }
        after_arrow = matches!(
            (&previous, &token),
            (Some(TokenTree::Punct(first)), TokenTree::Punct(second))
                if "-=".contains(first.as_char())
                    && first.spacing() == Spacing::Joint
                    && second.as_char() == '>'
        );
        match &token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(group.stream(), out);
                out.push_str(close);
            }
            other => out.push_str(&other.to_string()),
        }
        previous = Some(token);
    }
}

fn needs_space(previous: &TokenTree, next: &TokenTree) -> bool {
    let is_word = |token: &TokenTree| matches!(token, TokenTree::Ident(_) | TokenTree::Literal(_));
    match (previous, next) {
        (a, b) if is_word(a) && is_word(b) => true,
        (TokenTree::Punct(p), _) if p.as_char() == ',' || p.as_char() == ';' => true,
        (TokenTree::Punct(p), _) if p.spacing() == Spacing::Joint => false,
        // Binary operators and arrows read better spaced: `a + b`, `-> T`, `x = 1`.
        (TokenTree::Punct(p), _) if "=+|".contains(p.as_char()) => true,
        (_, TokenTree::Punct(p)) if "=+|".contains(p.as_char()) => true,
        (_, TokenTree::Punct(p)) if p.as_char() == '-' && p.spacing() == Spacing::Joint => true,
        (TokenTree::Ident(_), TokenTree::Punct(p)) if p.as_char() == '&' || p.as_char() == '\'' => {
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::source_text;

    #[test]
    fn reads_like_source() {
        assert_eq!(source_text(quote!(Option<String>)), "Option<String>");
        assert_eq!(
            source_text(quote!(Vec<(u8, &'a str)>)),
            "Vec<(u8, &'a str)>"
        );
        assert_eq!(
            source_text(quote!(::std::string::String)),
            "::std::string::String"
        );
        assert_eq!(
            source_text(quote!(String::from("x"))),
            "String::from(\"x\")"
        );
        assert_eq!(source_text(quote!([u8; 4])), "[u8; 4]");
        assert_eq!(source_text(quote!(-1)), "-1");
        assert_eq!(
            source_text(quote!(Box<dyn Fn(u8) -> u8 + Send>)),
            "Box<dyn Fn(u8) -> u8 + Send>"
        );
        assert_eq!(source_text(quote!(a + b)), "a + b");
    }
}
