//! Member list → the module as written, with the hidden macro that hands the list on, the
//! alias `compose!` calls it by, and the marker its probe looks for.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::Visibility;

use super::list::SourceList;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};

/// The name `compose!` calls a source's hidden macro by, through a `use` inside the source.
/// rustc's "cannot find macro `..` in `auth`" for a module without `#[composable]` then
/// says what to do.
pub const ALIAS: &str = "__modsmith_members__add_composable_to_this_module";

/// The type alias in a composable module that `compose!`'s probe finds.
pub const MARKER: &str = "__ModsmithComposable";

/// The module, with the hidden macro, its alias and the marker added at its end.
pub fn generate(list: &SourceList, mut module: ShallowItem) -> TokenStream {
    let public = matches!(module.vis, Visibility::Public(_));
    if let ShallowKind::Module(ShallowModule {
        content: Some(content),
        ..
    }) = &mut module.kind
    {
        content
            .items
            .push(ShallowItem::verbatim(hidden_macro(list, public)));
    }
    module.into_token_stream()
}

/// The macro: one rule, in the style of tt-call, that calls back with the list appended to
/// the caller's state. It names nothing, so it needs no path to modsmith.
///
/// Its name is unique to the module's place (file, line, column, name and members): a
/// `#[macro_export]` macro lives at the crate's root, where two composable modules called
/// `auth` must not clash. The alias is reached by path from anywhere; the macro itself only
/// from other crates (rustc forbids absolute paths to a macro-expanded `#[macro_export]`
/// macro in its own crate).
fn hidden_macro(list: &SourceList, public: bool) -> TokenStream {
    let unique = format_ident!(
        "__modsmith_composable_{}_{:016x}",
        list.module,
        place_hash(list)
    );
    // The path of the `use` resolves with this crate's edition: in an edition-2015 crate, a
    // call-site path would be crate-relative, an absolute path to the macro.
    let path = syn::Ident::new(&unique.to_string(), Span::mixed_site());
    let alias = syn::Ident::new(ALIAS, Span::call_site());
    let marker = syn::Ident::new(MARKER, Span::call_site());
    let (export, vis) = if public {
        (quote!(#[macro_export]), quote!(pub))
    } else {
        (TokenStream::new(), quote!(pub(crate)))
    };
    quote! {
        #[doc(hidden)]
        #export
        macro_rules! #unique {
            ([$($callback:tt)*] $($state:tt)*) => {
                $($callback)*! { $($state)* source { #list } }
            };
        }
        #[doc(hidden)]
        #vis use #path as #alias;
        #[doc(hidden)]
        pub type #marker = ();
    }
}

/// FNV-1a over what tells two composable modules apart.
fn place_hash(list: &SourceList) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |text: &str| {
        for byte in text.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(&list.krate);
    feed(&list.file);
    feed(&list.module.to_string());
    let (_, line, column) = super::validate::location(list.module.span());
    feed(&format!("{line}:{column}"));
    for member in &list.members {
        feed(&member.ident.to_string());
    }
    hash
}
