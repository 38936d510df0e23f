//! Recovery in list-shaped input: one broken entry is reported and skipped, so the entries
//! after it are still read and checked, and the code generated next to the errors still has
//! every entry that was fine (uses of those are not second errors).

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser, Peek};

use super::errors::Errors;

/// Parses a whole macro input with a parser that reports the errors it recovers from into
/// `errors`. `None` when it fails outright (that error is reported too).
pub fn parse_input<T>(
    tokens: TokenStream,
    errors: &mut Errors,
    parse: impl FnOnce(ParseStream, &mut Errors) -> syn::Result<T>,
) -> Option<T> {
    let parser = |input: ParseStream| parse(input, errors);
    let read = parser.parse2(tokens);
    errors.handle(read)
}

/// Reads `input` to its end as entries, each parsed by `entry` and followed by `separator`
/// (a single punctuation token such as `Token![,]` or `Token![;]`; optional after the last
/// entry). `entry` reports a missing separator itself, where one is needed, in its own words;
/// one that consumes its own terminator (`fn f();`) has none to check. An entry that fails
/// is reported and skipped past the next separator at this level.
///
/// Each entry is read on a fork of `input`: a failure deep inside one of its groups (a
/// missing comma between two fields) then leaves no mark on `input` itself, which would make
/// the whole input fail to parse and drop the entries that were fine.
pub fn entries<T, S: Peek + Copy>(
    input: ParseStream,
    separator: S,
    errors: &mut Errors,
    mut entry: impl FnMut(ParseStream) -> syn::Result<T>,
) -> Vec<T> {
    let mut read = Vec::new();
    while !input.is_empty() {
        let fork = input.fork();
        match entry(&fork) {
            // An entry that reads nothing would be read again forever.
            Ok(_) if fork.cursor() == input.cursor() => {
                errors.push(input.error("expected an entry here"));
                skip_past(input, separator);
            }
            Ok(value) => {
                input.advance_to(&fork);
                read.push(value);
                if input.peek(separator) {
                    let _ = input.parse::<TokenTree>();
                }
            }
            Err(error) => {
                errors.push(error);
                skip_past(input, separator);
            }
        }
    }
    read
}

/// Skips token trees up to the next `separator` at this level, leaving it to be read: after
/// a bad value, so the next entry is still checked.
pub fn skip_to<S: Peek + Copy>(input: ParseStream, separator: S) {
    while !input.is_empty() && !input.peek(separator) {
        if input.parse::<TokenTree>().is_err() {
            break;
        }
    }
}

/// Skips token trees up to and including the next `separator` at this level.
pub fn skip_past<S: Peek + Copy>(input: ParseStream, separator: S) {
    skip_to(input, separator);
    let _ = input.parse::<TokenTree>();
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse::Parser;
    use syn::{Ident, Token};

    use super::entries;
    use crate::common::errors::Errors;

    #[test]
    fn a_broken_entry_is_skipped_and_the_rest_read() {
        let mut errors = Errors::new();
        let parser = |input: syn::parse::ParseStream| {
            Ok(entries(input, Token![,], &mut errors, |input| {
                input.parse::<Ident>()
            }))
        };
        let read = parser.parse2(quote!(a, 1 + 2, b, (c d), e,));
        let names: Vec<String> = read
            .into_iter()
            .flatten()
            .map(|ident| ident.to_string())
            .collect();
        assert_eq!(names, ["a", "b", "e"]);
        let reported = errors.finish().err().map(|error| error.into_iter().count());
        assert_eq!(reported, Some(2));
    }

    /// A failure inside a group, with tokens left in it, must not fail the whole input.
    #[test]
    fn a_failure_inside_a_group_leaves_the_other_entries() {
        let mut errors = Errors::new();
        let parser = |input: syn::parse::ParseStream| {
            Ok(entries(input, Token![,], &mut errors, |input| {
                let content;
                syn::parenthesized!(content in input);
                let first: Ident = content.parse()?;
                let _: Token![:] = content.parse()?;
                let _: Ident = content.parse()?;
                Ok(first)
            }))
        };
        let read = parser.parse2(quote!((a: u8), (b u8 c), (d: u8)));
        let names: Vec<String> = read
            .into_iter()
            .flatten()
            .map(|ident| ident.to_string())
            .collect();
        assert_eq!(names, ["a", "d"]);
        let reported = errors.finish().err().map(|error| error.into_iter().count());
        assert_eq!(reported, Some(1));
    }

    #[test]
    fn an_entry_that_reads_nothing_is_reported_not_read_forever() {
        let mut errors = Errors::new();
        let parser =
            |input: syn::parse::ParseStream| Ok(entries(input, Token![,], &mut errors, |_| Ok(())));
        let read = parser.parse2(quote!(a, b));
        assert_eq!(read.map(|read| read.len()).ok(), Some(0));
        let reported = errors.finish().err().map(|error| error.into_iter().count());
        assert_eq!(reported, Some(2));
    }
}
