//! Module → member list: what `compose!` may take from the module, with where each member
//! is defined.

use modsmith_rules::compose::Namespaces;
use proc_macro2::Span;
use quote::ToTokens;
use syn::{Attribute, Ident, Visibility};

use super::list::{ListedMember, SourceList, VERSION};
use super::parse::Options;
use crate::common::members::MemberKind;
use crate::common::respan::edition_proof_ident;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};
use crate::common::source_text::source_text;

/// Names a composition generates itself, never taken from a source: `compose!`'s `MEMBERS`
/// and `module()`, and what `#[composable]` adds (all starting with `__modsmith`).
pub fn is_generated(name: &str) -> bool {
    name == "MEMBERS" || name == "module" || name.starts_with("__modsmith")
}

/// The member list of an inline module.
pub fn validate(module: &ShallowItem, options: &Options) -> Option<SourceList> {
    let ShallowKind::Module(ShallowModule {
        ident,
        content: Some(content),
    }) = &module.kind
    else {
        return None;
    };
    let mut dynamic = module
        .attrs
        .iter()
        .any(|attr| is_named(attr, "export_module"));
    let mut members = Vec::new();
    for item in &content.items {
        let public = match &item.vis {
            Visibility::Public(_) => true,
            Visibility::Restricted(_) => false,
            // Private items are not the module's interface.
            Visibility::Inherited => continue,
        };
        let mut add = |kind: &str, ident: &Ident, namespaces, signature: String| {
            if !is_generated(&ident.to_string()) {
                members.push(listed(kind, ident, namespaces, public, signature));
            }
        };
        match &item.kind {
            ShallowKind::Fn(sig) if sig.ident == "module" && sig.inputs.is_empty() => {
                // `#[export_module]`'s `module()` (or one written as it would be): the
                // composition calls it for its own.
                dynamic |= public
                    && sig
                        .output
                        .to_token_stream()
                        .into_iter()
                        .any(|tree| tree.to_string() == "DynModule");
            }
            ShallowKind::Fn(sig) => {
                add(
                    "fn",
                    &sig.ident,
                    Namespaces::VALUE,
                    source_text(sig.to_token_stream()),
                );
            }
            // Not Rust in a module; rustc reports it.
            ShallowKind::Declared(_) => {}
            ShallowKind::Const { ident, ty } => {
                let signature = format!("const {ident}: {}", source_text(ty.to_token_stream()));
                add("const", ident, Namespaces::VALUE, signature);
            }
            ShallowKind::Module(module) => {
                add("mod", &module.ident, Namespaces::TYPE, String::new());
            }
            ShallowKind::Other(Some(named)) => {
                add(
                    named.kind.name(),
                    &named.ident,
                    named.namespaces,
                    String::new(),
                );
                if named.kind == MemberKind::Struct
                    && let Some(builder) = data_builder(&item.attrs, &named.ident)
                {
                    add("struct", &builder, Namespaces::TYPE, String::new());
                }
            }
            ShallowKind::Other(None) => {
                for name in item.imported_names() {
                    // A re-export may be of a type, a value or both: counted as both.
                    add(
                        "use",
                        &name,
                        Namespaces::TYPE.union(Namespaces::VALUE),
                        String::new(),
                    );
                }
            }
        }
    }
    for (kind, ident) in &options.extra {
        let namespaces = match kind.to_string().as_str() {
            "use" => Namespaces::TYPE.union(Namespaces::VALUE),
            other => MemberKind::from_name(other).map_or(Namespaces::TYPE, MemberKind::namespaces),
        };
        members.push(listed(
            &kind.to_string(),
            ident,
            namespaces,
            true,
            String::new(),
        ));
    }
    let (file, _, _) = location(ident.span());
    Some(SourceList {
        version: VERSION,
        module: ident.clone(),
        krate: crate_name(),
        file,
        dynamic,
        members,
    })
}

fn listed(
    kind: &str,
    ident: &Ident,
    namespaces: Namespaces,
    public: bool,
    signature: String,
) -> ListedMember {
    let (_, line, column) = location(ident.span());
    ListedMember {
        kind: Ident::new(kind, Span::call_site()),
        ident: edition_proof_ident(ident),
        namespaces,
        public,
        signature,
        line,
        column,
    }
}

/// Whether the attribute's path ends in `name` (`#[export_module]`,
/// `#[modsmith::export_module]`).
fn is_named(attr: &Attribute, name: &str) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|last| last.ident == name)
}

/// The builder `#[derive(Data)]` generates next to a struct: `{Name}Builder`, or the name of
/// `#[data(builder = X)]` / `#[data(builder(name = X))]`. The attribute sees the derive
/// before it runs, so it adds what the derive will write.
fn data_builder(attrs: &[Attribute], name: &Ident) -> Option<Ident> {
    let derives_data = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .any(|attr| {
            attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|paths| {
                paths.iter().any(|path| {
                    path.segments
                        .last()
                        .is_some_and(|last| last.ident == "Data")
                })
            })
        });
    if !derives_data {
        return None;
    }
    let mut builder = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("data")) {
        // Read leniently: `#[derive(Data)]` reports what is wrong with its options.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("builder") {
                if let Ok(value) = meta.value() {
                    builder = value.parse::<Ident>().ok();
                } else {
                    meta.parse_nested_meta(|inner| {
                        if inner.path.is_ident("name") {
                            builder = inner.value()?.parse::<Ident>().ok();
                        } else {
                            skip_option(&inner)?;
                        }
                        Ok(())
                    })?;
                }
            } else {
                skip_option(&meta)?;
            }
            Ok(())
        });
    }
    Some(builder.unwrap_or_else(|| {
        let name = syn::ext::IdentExt::unraw(name);
        Ident::new(&format!("{name}Builder"), name.span())
    }))
}

/// Steps over an option's value (`= value` or `(..)`) without judging it.
fn skip_option(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

/// The crate being compiled (`CARGO_CRATE_NAME`, which cargo sets for rustc); empty outside
/// a macro's run, so that unit tests do not depend on how they are run.
pub fn crate_name() -> String {
    if proc_macro::is_available() {
        std::env::var("CARGO_CRATE_NAME").unwrap_or_default()
    } else {
        String::new()
    }
}

/// The file, line and column of a span, as rustc reports them (stable since 1.88); empty
/// and zero outside a macro's run (unit tests).
pub fn location(span: Span) -> (String, usize, usize) {
    if !proc_macro::is_available() {
        return (String::new(), 0, 0);
    }
    // `Span::unwrap` converts to the compiler's span; it cannot fail inside a macro's run,
    // which `is_available` has just told.
    let span = span.unwrap();
    (span.file(), span.line(), span.column())
}
