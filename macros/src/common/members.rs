//! One model of a module's members: what each item is (its kind and namespaces), its name,
//! visibility, span and, for functions, signature. Macros that select, expose or compose the
//! items of a module read them through this model instead of matching `syn::Item` each.

use proc_macro2::Span;
use quote::quote;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    ImplItem, ImplItemFn, Item, ItemImpl, ItemTrait, Signature, TraitItem, TraitItemFn, Visibility,
};

use modsmith_rules::compose::Namespaces;

use super::items::walk;
use super::keywords::keywords;
use super::source_text::source_text;

keywords! {
    /// What a member is, as users write it in selectors (`on = "fn"`). Items with no name
    /// of their own to select or expose (`use`, `extern crate`, `extern { .. }` blocks,
    /// unnamed `const _`, macro calls) are not members.
    pub enum MemberKind {
        Fn = "fn",
        Struct = "struct",
        Enum = "enum",
        Union = "union",
        Trait = "trait",
        Impl = "impl",
        Const = "const",
        Static = "static",
        Type = "type",
        Mod = "mod",
        /// A `macro_rules!` definition.
        Macro = "macro_rules",
        /// A function of an `impl` block.
        Method = "method",
    }
}

impl MemberKind {
    /// The namespaces a member of this kind lives in. A struct is a type, and a tuple or
    /// unit struct also a value (its constructor): [`item_namespaces`] tells them apart.
    pub fn namespaces(self) -> Namespaces {
        match self {
            MemberKind::Struct
            | MemberKind::Enum
            | MemberKind::Union
            | MemberKind::Trait
            | MemberKind::Type
            | MemberKind::Mod => Namespaces::TYPE,
            MemberKind::Fn | MemberKind::Const | MemberKind::Static | MemberKind::Method => {
                Namespaces::VALUE
            }
            MemberKind::Macro => Namespaces::MACRO,
            MemberKind::Impl => Namespaces::NONE,
        }
    }
}

/// The namespaces an item's name lives in, as rustc resolves them: a tuple or unit struct is
/// a type and a value (its constructor), so it clashes with a function of its name, while a
/// braced struct does not.
pub fn item_namespaces(kind: MemberKind, item: &Item) -> Namespaces {
    match item {
        Item::Struct(item) if !matches!(item.fields, syn::Fields::Named(_)) => {
            Namespaces::TYPE.union(Namespaces::VALUE)
        }
        _ => kind.namespaces(),
    }
}

/// One member of a module or `impl` block.
pub struct Member<'a> {
    pub kind: MemberKind,
    /// The name without `r#`; for an `impl` block, its type as written.
    pub name: String,
    /// `None` where visibility is not the item's own: an `impl` block, and the methods of a
    /// trait impl, which are as visible as the trait.
    pub vis: Option<&'a Visibility>,
    /// The name's span (the type for an `impl` block), for errors that point at it.
    #[allow(
        dead_code,
        reason = "read by the module-composition and runtime-module macros"
    )]
    pub span: Span,
    #[allow(
        dead_code,
        reason = "read by the module-composition and runtime-module macros"
    )]
    pub signature: Option<&'a Signature>,
}

impl Member<'_> {
    /// Whether `only = "pub"` keeps it: `pub` items, and those whose visibility is not
    /// their own.
    pub fn is_pub(&self) -> bool {
        self.vis
            .is_none_or(|vis| matches!(vis, Visibility::Public(_)))
    }
}

/// The member an item is, if it is one.
pub fn member(item: &Item) -> Option<Member<'_>> {
    let named = |kind, ident: &syn::Ident, vis| Member {
        kind,
        name: ident.unraw().to_string(),
        vis: Some(vis),
        span: ident.span(),
        signature: None,
    };
    Some(match item {
        Item::Fn(item) => Member {
            signature: Some(&item.sig),
            ..named(MemberKind::Fn, &item.sig.ident, &item.vis)
        },
        Item::Struct(item) => named(MemberKind::Struct, &item.ident, &item.vis),
        Item::Enum(item) => named(MemberKind::Enum, &item.ident, &item.vis),
        Item::Union(item) => named(MemberKind::Union, &item.ident, &item.vis),
        Item::Trait(item) => named(MemberKind::Trait, &item.ident, &item.vis),
        Item::Impl(item) => Member {
            kind: MemberKind::Impl,
            name: impl_type_text(item),
            vis: None,
            span: item.self_ty.span(),
            signature: None,
        },
        // `const _` is not a named item (it is how macros, modsmith's warnings included,
        // place code).
        Item::Const(item) if item.ident == "_" => return None,
        Item::Const(item) => named(MemberKind::Const, &item.ident, &item.vis),
        Item::Static(item) => named(MemberKind::Static, &item.ident, &item.vis),
        Item::Type(item) => named(MemberKind::Type, &item.ident, &item.vis),
        Item::Mod(item) => named(MemberKind::Mod, &item.ident, &item.vis),
        Item::Macro(item) => {
            let ident = item.ident.as_ref()?;
            Member {
                kind: MemberKind::Macro,
                name: ident.unraw().to_string(),
                vis: None,
                span: ident.span(),
                signature: None,
            }
        }
        _ => return None,
    })
}

/// The functions of an `impl` block, as members.
pub fn methods(block: &ItemImpl) -> impl Iterator<Item = Member<'_>> {
    block.items.iter().filter_map(move |item| match item {
        ImplItem::Fn(function) => Some(method(block, function)),
        _ => None,
    })
}

/// One function of an `impl` block, as a member: in a trait impl, its visibility is the
/// trait's, not its own.
pub fn method<'a>(block: &ItemImpl, function: &'a ImplItemFn) -> Member<'a> {
    Member {
        kind: MemberKind::Method,
        name: function.sig.ident.unraw().to_string(),
        vis: block.trait_.is_none().then_some(&function.vis),
        span: function.sig.ident.span(),
        signature: Some(&function.sig),
    }
}

/// The functions of a trait, as members.
pub fn trait_methods(definition: &ItemTrait) -> impl Iterator<Item = Member<'_>> {
    definition.items.iter().filter_map(|item| match item {
        TraitItem::Fn(function) => Some(trait_method(definition, function)),
        _ => None,
    })
}

/// One function of a trait, as a member: as visible as the trait.
pub fn trait_method<'a>(definition: &'a ItemTrait, function: &'a TraitItemFn) -> Member<'a> {
    Member {
        kind: MemberKind::Method,
        name: function.sig.ident.unraw().to_string(),
        vis: Some(&definition.vis),
        span: function.sig.ident.span(),
        signature: Some(&function.sig),
    }
}

/// Every member of `items` and of the inline modules among them, with the methods of their
/// `impl` blocks and traits: everything a selector over a module can choose among.
pub fn members_within(items: &[Item]) -> Vec<Member<'_>> {
    let mut found = Vec::new();
    walk(items, &(), &mut |item, _| {
        found.extend(member(item));
        match item {
            Item::Impl(block) => found.extend(methods(block)),
            Item::Trait(definition) => found.extend(trait_methods(definition)),
            _ => {}
        }
    });
    found
}

/// `Type`, or `<Type as Trait>` for a trait impl: how an `impl` block is named in messages
/// and span names.
pub fn impl_owner(block: &ItemImpl) -> String {
    match &block.trait_ {
        Some((path, _)) => format!(
            "<{} as {}>",
            impl_type_text(block),
            source_text(quote!(#path))
        ),
        None => impl_type_text(block),
    }
}

fn impl_type_text(block: &ItemImpl) -> String {
    let self_ty = &block.self_ty;
    source_text(quote!(#self_ty))
}
