//! Checked definition → tokens: the template's `macro_rules!`. It holds the definition,
//! encoded so that `macro_rules!` leaves it alone, and hands it with its own arguments to
//! `__private::template::instantiate!`: every instantiation is one self-contained macro call.
//! The macro is declared through the facade's `__private::template::define!`, whose `$crate`
//! is the one path to modsmith that resolves wherever the macro is called.

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::{Ident, LitStr, Visibility};

use super::checked::{CheckedDefinition, CheckedExpr, CheckedPiece, PlaceholderWriter, write};
use super::parse::{DOLLAR, Definition};

/// The `macro_rules!` of a checked definition, declared by
/// `krate::__private::template::define!` (`krate`: how the defining crate names modsmith).
pub fn macro_rules(checked: &CheckedDefinition, krate: &syn::Path) -> TokenStream {
    let definition = checked.definition;
    let name = &definition.name;
    let params = encode_params(definition);
    let body = encode(&checked.body);
    let Declaration { attrs, reexport } = declaration(definition);
    // `define!` writes the `$` of the declared macro's matcher from this token.
    let dollar = Punct::new('$', Spacing::Alone);
    quote! {
        #krate::__private::template::define! {
            (#dollar)
            [#attrs]
            #name
            { #name ( #params ) { #body } }
            [#reexport]
        }
    }
}

/// A `macro_rules!` that expands to nothing: what a definition with errors leaves, so that
/// its instantiations do not add "cannot find macro" to the errors that matter. It names no
/// crate, so it is declared here.
pub fn placeholder(definition: &Definition) -> TokenStream {
    let name = &definition.name;
    let Declaration { attrs, reexport } = declaration(definition);
    quote! {
        #attrs
        #[allow(unused_macros)]
        macro_rules! #name {
            ($($args:tt)*) => {};
        }
        #reexport
    }
}

/// What surrounds a template's `macro_rules!`: its attributes, and the items after it.
struct Declaration {
    /// The user's attributes, the signature in its docs, and `#[macro_export]` when `pub`.
    attrs: TokenStream,
    /// `pub(crate) use name;` and the like: a path to the macro, as far as declared.
    reexport: TokenStream,
}

fn declaration(definition: &Definition) -> Declaration {
    let name = &definition.name;
    let attrs = &definition.attrs;
    let signature = signature_doc(definition);
    let (export, reexport) = match &definition.vis {
        Visibility::Public(_) => (quote!(#[macro_export]), TokenStream::new()),
        Visibility::Inherited => (TokenStream::new(), TokenStream::new()),
        // `pub(crate)`, `pub(super)`, `pub(in ..)`: a path to the macro, as far as declared.
        restricted => {
            // Under the same `#[cfg]`s as the macro, or the path would outlive it.
            let cfgs = attrs.iter().filter(|attr| attr.path().is_ident("cfg"));
            (
                TokenStream::new(),
                quote!(#( #cfgs )* #[allow(unused_imports)] #restricted use #name;),
            )
        }
    };
    Declaration {
        attrs: quote! {
            #( #attrs )*
            #[doc = ""]
            #[doc = #signature]
            #export
        },
        reexport,
    }
}

/// "Template parameters: `Entity: type`, `Key: type = u64`, ..." for the macro's docs.
fn signature_doc(definition: &Definition) -> LitStr {
    let params: Vec<String> = definition
        .params
        .iter()
        .map(|param| match &param.default {
            Some(default) => format!(
                "`{}: {} = {}`",
                param.name.unraw(),
                param.kind_text(),
                crate::common::source_text::source_text(default.raw())
            ),
            None => format!("`{}: {}`", param.name.unraw(), param.kind_text()),
        })
        .collect();
    LitStr::new(
        &format!(
            " Template parameters: {}. Instantiate with `{}! {{ [pub mod name;] Param = value, .. }}`.",
            params.join(", "),
            definition.name.unraw()
        ),
        definition.name.span(),
    )
}

fn encode_params(definition: &Definition) -> TokenStream {
    let params = definition.params.iter().map(|param| {
        let name = &param.name;
        let kind = Ident::new(param.kind.name(), name.span());
        let kind = if param.list {
            quote!([#kind])
        } else {
            quote!(#kind)
        };
        match &param.default {
            Some(default) => {
                let default = default.raw();
                quote!(#name: #kind = #default)
            }
            None => quote!(#name: #kind),
        }
    });
    quote!(#( #params ),*)
}

/// The body with every `$` as [`DOLLAR`], and `${..}` with its gluing already folded in.
fn encode(pieces: &[CheckedPiece]) -> TokenStream {
    write(pieces, &mut Encoder)
}

/// Writes each placeholder back as source, its `$` as the marker.
struct Encoder;

impl PlaceholderWriter for Encoder {
    fn placeholder(&mut self, piece: &CheckedPiece, out: &mut TokenStream) {
        match piece {
            CheckedPiece::Param { dollar, used } => {
                let marker = Ident::new(DOLLAR, *dollar);
                let name = &used.name;
                out.extend(quote!(#marker #name));
            }
            CheckedPiece::Build { dollar, expr } => {
                let marker = Ident::new(DOLLAR, *dollar);
                let expr = encode_expr(expr);
                out.extend(quote!(#marker { #expr }));
            }
            // Its lists are found again when the encoded definition is resolved.
            CheckedPiece::Repeat {
                dollar,
                body,
                separator,
                ..
            } => {
                let marker = Ident::new(DOLLAR, *dollar);
                let body = Group::new(Delimiter::Parenthesis, write(body, self));
                out.extend(quote!(#marker #body #separator *));
            }
            CheckedPiece::Dollar(span) => {
                let marker = Ident::new(DOLLAR, *span);
                out.extend(quote!(#marker #marker));
            }
            // Tokens, groups and `$crate`: written by `write`.
            CheckedPiece::Token(_) | CheckedPiece::Group { .. } | CheckedPiece::Crate { .. } => {}
        }
    }
}

fn encode_expr(expr: &CheckedExpr) -> TokenStream {
    match expr {
        CheckedExpr::Param(used) => used.name.to_token_stream(),
        CheckedExpr::Text(text, span) => LitStr::new(text, *span).to_token_stream(),
        CheckedExpr::Call { name, args, .. } => {
            let args = args.iter().map(encode_expr);
            quote!(#name( #( #args ),* ))
        }
    }
}
