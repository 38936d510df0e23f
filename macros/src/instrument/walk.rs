//! The functions an instrumented `impl` block or inline module holds: the methods of the
//! block, and every function of the module and of the `impl` blocks, trait default methods
//! and modules inside it.
//! Checking reads them with [`functions`]; generation visits the same functions, in the same
//! order, with [`for_each_function_mut`], so the plans made for them line up.

use syn::ext::IdentExt;
use syn::{Attribute, Block, ImplItem, Item, ItemImpl, ItemTrait, Signature, TraitItem};

use crate::common::items::{inline_items, walk, walk_mut};
use crate::common::members::{self, Member, impl_owner};

/// One function of an instrumented block, as checking reads it.
pub struct Function<'a> {
    pub member: Member<'a>,
    pub attrs: &'a [Attribute],
    pub sig: &'a Signature,
    /// `Type::method`, `Trait::method` or `function`: the name its span takes (as
    /// `#[tracing::instrument]` names a function; the module path is the span's target).
    pub span_name: String,
    /// `fmt` of a formatting trait or `poll` of `Future`: called by the machinery, often and
    /// indirectly (every `to_string()`, every wake-up), so a block leaves it alone unless
    /// the function asks with its own `#[instrument]`.
    pub is_plumbing: bool,
}

/// The functions of an `impl` block or inline module, in order.
pub fn functions(item: &Item) -> Vec<Function<'_>> {
    let mut found = Vec::new();
    match item {
        Item::Impl(_) | Item::Trait(_) => add_functions(item, &mut found),
        Item::Mod(module) => {
            if let Some(items) = inline_items(module) {
                walk(items, &(), &mut |item, _| add_functions(item, &mut found));
            }
        }
        _ => {}
    }
    found
}

/// The item's own functions: itself for a `fn`, the methods of an `impl` block.
fn add_functions<'a>(item: &'a Item, found: &mut Vec<Function<'a>>) {
    match item {
        Item::Fn(function) => {
            if let Some(member) = members::member(item) {
                found.push(Function {
                    span_name: member.name.clone(),
                    member,
                    attrs: &function.attrs,
                    sig: &function.sig,
                    is_plumbing: false,
                });
            }
        }
        Item::Impl(block) => found.extend(methods(block)),
        Item::Trait(definition) => found.extend(default_methods(definition)),
        _ => {}
    }
}

fn methods(block: &ItemImpl) -> impl Iterator<Item = Function<'_>> {
    let owner = impl_owner(block);
    let implemented = block
        .trait_
        .as_ref()
        .and_then(|(path, _)| path.segments.last())
        .map(|segment| segment.ident.to_string());
    block.items.iter().filter_map(move |item| match item {
        ImplItem::Fn(function) => Some(Function {
            span_name: format!("{owner}::{}", function.sig.ident.unraw()),
            member: members::method(block, function),
            attrs: &function.attrs,
            sig: &function.sig,
            is_plumbing: implemented
                .as_deref()
                .is_some_and(|name| is_plumbing(name, &function.sig.ident.to_string())),
        }),
        _ => None,
    })
}

/// The methods of a trait that have a body (its default methods), which an instrumented
/// module instruments as it does functions.
fn default_methods(definition: &ItemTrait) -> impl Iterator<Item = Function<'_>> {
    let owner = definition.ident.unraw().to_string();
    definition.items.iter().filter_map(move |item| match item {
        TraitItem::Fn(function) if function.default.is_some() => Some(Function {
            span_name: format!("{owner}::{}", function.sig.ident.unraw()),
            member: members::trait_method(definition, function),
            attrs: &function.attrs,
            sig: &function.sig,
            is_plumbing: false,
        }),
        _ => None,
    })
}

/// The formatting traits' `fmt` and `Future::poll`.
fn is_plumbing(implemented: &str, method: &str) -> bool {
    const FORMATTING: &[&str] = &[
        "Display", "Debug", "LowerHex", "UpperHex", "Octal", "Binary", "LowerExp", "UpperExp",
        "Pointer",
    ];
    (method == "fmt" && FORMATTING.contains(&implemented))
        || (method == "poll" && implemented == "Future")
}

/// One function of an instrumented block, as generation changes it.
pub struct FunctionMut<'a> {
    pub attrs: &'a mut Vec<Attribute>,
    pub sig: &'a mut Signature,
    pub body: &'a mut Block,
}

/// Calls `visit` on the functions [`functions`] returns, in the same order.
pub fn for_each_function_mut(item: &mut Item, visit: &mut impl FnMut(FunctionMut)) {
    let mut visit_item = |item: &mut Item| match item {
        Item::Fn(function) => visit(FunctionMut {
            attrs: &mut function.attrs,
            sig: &mut function.sig,
            body: &mut function.block,
        }),
        Item::Impl(block) => {
            for inner in &mut block.items {
                if let ImplItem::Fn(function) = inner {
                    visit(FunctionMut {
                        attrs: &mut function.attrs,
                        sig: &mut function.sig,
                        body: &mut function.block,
                    });
                }
            }
        }
        Item::Trait(definition) => {
            for inner in &mut definition.items {
                if let TraitItem::Fn(function) = inner
                    && let Some(body) = &mut function.default
                {
                    visit(FunctionMut {
                        attrs: &mut function.attrs,
                        sig: &mut function.sig,
                        body,
                    });
                }
            }
        }
        _ => {}
    };
    match item {
        Item::Impl(_) | Item::Trait(_) => visit_item(item),
        Item::Mod(module) => {
            if let Some((_, items)) = &mut module.content {
                walk_mut(items, &(), &mut |item, _| visit_item(item));
            }
        }
        _ => {}
    }
}
