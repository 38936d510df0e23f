//! Warnings from a macro, on stable Rust: proc macros have no warning API there, so a warning
//! is the use of a deprecated item made for it, spanned at what the warning is about. Its
//! text arrives as `use of deprecated unit struct ..::modsmith_warning: <message>` and
//! `#[allow(deprecated)]` on the item silences it (for a module or an `impl` block, the
//! warnings are placed inside it so that an `allow` on it reaches them).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

/// Collects warnings and renders them as items to place next to the macro's output.
#[derive(Default)]
pub struct Warnings {
    items: Vec<TokenStream>,
}

impl Warnings {
    pub fn new() -> Self {
        Self::default()
    }

    /// A warning pointing at `span`.
    pub fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        let message = message.to_string();
        let name = Ident::new("modsmith_warning", span);
        self.items.push(quote_spanned! {span=>
            const _: () = {
                #[deprecated(note = #message)]
                #[allow(non_camel_case_types)]
                struct #name;
                let _ = #name;
            };
        });
    }

    /// Places the warnings at the end of an inline module (none for `mod m;`).
    pub fn place_in(self, module: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut module.content
            && !self.items.is_empty()
        {
            items.push(syn::Item::Verbatim(self.into_tokens()));
        }
    }

    /// Places the warnings at the start of a function body (where an `allow` on the
    /// function or its `impl` block reaches them).
    pub fn place_in_body(self, body: &mut syn::Block) {
        if !self.items.is_empty() {
            let warnings = syn::Item::Verbatim(self.into_tokens());
            body.stmts.insert(0, syn::Stmt::Item(warnings));
        }
    }

    /// The warnings as items.
    pub fn into_tokens(self) -> TokenStream {
        let items = self.items;
        quote!(#( #items )*)
    }
}
