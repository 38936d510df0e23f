//! Checked model → tokens: the composed module, its re-exports, its own items, `MEMBERS`, a
//! doc table of where each member comes from and, when every source is a `DynModule`,
//! `module()`.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Ident, Path, PathSegment, Token};

use super::parse::Input;
use super::validate::Composed;
use crate::common::shallow::{ShallowKind, ShallowModule};

/// The composed module.
pub fn generate(composed: &Composed, krate: &TokenStream) -> TokenStream {
    let Composed {
        input,
        lists,
        picks,
    } = composed;
    let module = &input.module;
    let ShallowKind::Module(ShallowModule {
        ident,
        content: Some(content),
    }) = &module.kind
    else {
        return TokenStream::new();
    };
    let mut reexports = Vec::new();
    let mut members = Vec::new();
    let mut table = vec![
        "| Member | Kind | From |".to_owned(),
        "| --- | --- | --- |".to_owned(),
    ];
    for (index, (pick, listed)) in picks.iter().enumerate() {
        let Some(source) = input.sources.get(pick.source) else {
            continue;
        };
        // Identifiers as written, where they were written: an identifier's edition comes
        // from its span, so `gen` from an edition-2021 crate stays a name.
        let original = listed.ident.clone();
        let name = if pick.name == pick.original {
            listed.ident.clone()
        } else {
            source
                .renames
                .iter()
                .find(|(from, _)| from.unraw() == pick.original)
                .map_or_else(
                    || Ident::new_raw_or_plain(&pick.name, Span::call_site()),
                    |(_, to)| to.clone(),
                )
        };
        if pick.whole {
            let path = from_inside(&source.path, 1);
            reexports.push(quote!(pub use #path::#original as #name;));
        } else {
            // A part of the member's namespaces: a glob re-export, which the winners of the
            // other namespaces shadow, namespace by namespace.
            let helper = format_ident!("__modsmith_pick_{index}");
            let path = from_inside(&source.path, 2);
            reexports.push(quote! {
                #[doc(hidden)]
                mod #helper {
                    #[allow(unused_imports)]
                    use super::*;
                    pub use #path::#original as #name;
                }
                pub use self::#helper::*;
            });
        }
        let kind = kind_variant(&listed.kind.to_string());
        let (name_text, original_text, source_text) = (&pick.name, &pick.original, &source.text);
        members.push(quote!(M { name: #name_text, kind: K::#kind, source: #source_text, original: #original_text }));
        let renamed = if pick.name == pick.original {
            String::new()
        } else {
            format!(" as `{}`", pick.original)
        };
        let detail = if listed.signature.is_empty() {
            String::new()
        } else {
            format!(" `{}`", listed.signature.replace('|', "\\|"))
        };
        table.push(format!(
            "| `{}` | {}{detail} | `{source_text}`{renamed} |",
            pick.name, listed.kind
        ));
    }
    let module_name = ident.unraw().to_string();
    for local in input.locals.iter().filter(|local| local.public) {
        let name = local.ident.unraw().to_string();
        let kind = kind_variant(local.kind);
        members
            .push(quote!(M { name: #name, kind: K::#kind, source: #module_name, original: #name }));
        let overrides = if local.overrides.is_some() {
            " (overrides)"
        } else {
            ""
        };
        table.push(format!(
            "| `{name}` | {} | `{module_name}`{overrides} |",
            local.kind
        ));
    }
    let members_doc = format!(
        "Every member of `{module_name}`: its name, kind, the module it comes from and its name \
         there (`compose!`)."
    );
    let module_fn = module_fn(input, lists, picks, krate, &module_name);
    let attrs = &module.attrs;
    let inner_attrs = &content.inner_attrs;
    let items = &content.items;
    let vis = &module.vis;
    let table = table.iter().map(|line| quote!(#[doc = #line]));
    quote! {
        #( #attrs )*
        #[doc = ""]
        #( #table )*
        #vis mod #ident {
            #( #inner_attrs )*
            #[allow(unused_imports)]
            use super::*;
            #( #reexports )*
            #( #items )*
            #[doc = #members_doc]
            pub const MEMBERS: &[#krate::__private::compose::Member] = {
                use #krate::__private::compose::{Kind as K, Member as M};
                &[ #( #members ),* ]
            };
            #module_fn
        }
    }
}

/// `module()` when every source has one: their `DynModule`s composed with the picks made
/// here, so the two compositions cannot differ.
fn module_fn(
    input: &Input,
    lists: &[crate::composable::list::SourceList],
    picks: &[(
        modsmith_rules::compose::Pick,
        &crate::composable::list::ListedMember,
    )],
    krate: &TokenStream,
    module_name: &str,
) -> TokenStream {
    if lists.is_empty() || !lists.iter().all(|list| list.dynamic) {
        return TokenStream::new();
    }
    let sources = input.sources.iter().map(|source| {
        let path = from_inside(&source.path, 1);
        quote!(#path::module)
    });
    let picks = picks
        .iter()
        .filter(|(pick, _)| {
            pick.namespaces
                .contains(modsmith_rules::compose::Namespaces::VALUE)
        })
        .map(|(pick, _)| {
            let (source, name, original) = (pick.source, &pick.name, &pick.original);
            quote!((#source, #original, #name))
        });
    let doc = format!(
        "This module as a `DynModule` named `{module_name}`: its sources' `DynModule`s composed \
         with the members `compose!` took (its own items are not in it)."
    );
    quote! {
        #[doc = #doc]
        pub fn module() -> &'static #krate::__private::dynamic::DynModule {
            static __MODSMITH_COMPOSED: #krate::__private::compose::Composed =
                #krate::__private::compose::Composed::new(
                    #module_name,
                    &[ #( #sources ),* ],
                    &[ #( #picks ),* ],
                );
            __MODSMITH_COMPOSED.get()
        }
    }
}

/// A source's path as seen from inside the composed module, `depth` modules below the
/// `compose!` call: `self::` and `super::` take one `super::` more per level; `crate::`,
/// `::`, `$crate::` and a first segment naming a crate or an item in scope (seen through the
/// module's `use super::*;`) are kept.
fn from_inside(path: &Path, depth: usize) -> TokenStream {
    let first = path.segments.first().map(|first| first.ident.to_string());
    let ups = (0..depth).map(|_| quote!(super::));
    match first.as_deref() {
        Some("self") if path.leading_colon.is_none() => {
            let rest: Punctuated<PathSegment, Token![::]> =
                path.segments.iter().skip(1).cloned().collect();
            quote!(#( #ups )* #rest)
        }
        Some("super") if path.leading_colon.is_none() => quote!(#( #ups )* #path),
        _ => path.to_token_stream(),
    }
}

/// The `Kind` variant of a member kind as `#[composable]` writes it.
fn kind_variant(kind: &str) -> Ident {
    let variant = match kind {
        "fn" => "Fn",
        "struct" => "Struct",
        "enum" => "Enum",
        "union" => "Union",
        "trait" => "Trait",
        "type" => "Type",
        "const" => "Const",
        "static" => "Static",
        "mod" => "Mod",
        _ => "Use",
    };
    Ident::new(variant, Span::call_site())
}

/// `Ident::new`, raw where the name is a keyword (`r#type` taken from a source).
trait NewIdent {
    fn new_raw_or_plain(name: &str, span: Span) -> Ident;
}

impl NewIdent for Ident {
    fn new_raw_or_plain(name: &str, span: Span) -> Ident {
        syn::parse_str::<Ident>(name).map_or_else(
            |_| Ident::new_raw(name, span),
            |mut ident| {
                ident.set_span(span);
                ident
            },
        )
    }
}
