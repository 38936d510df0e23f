//! The functions an instrumented item holds: itself for a `fn`, the methods of an `impl`
//! block, and every function of an inline module and of the `impl` blocks and modules inside
//! it, each with the name its span takes. Checking and generation walk the same item in the
//! same order, so the plans made for the functions line up with them.

use syn::ext::IdentExt;
use syn::{Attribute, Block, ImplItem, Item, ItemImpl, Signature};

use crate::common::items::{inline_items, walk, walk_mut};
use crate::common::members::{self, impl_owner};

/// One function of an instrumented block, borrowed from it.
pub struct FunctionMut<'a> {
    pub attrs: &'a mut Vec<Attribute>,
    /// Whether `only = "pub"` keeps it: `pub` itself, or a method of a trait impl.
    pub is_pub: bool,
    pub sig: &'a mut Signature,
    pub body: &'a mut Block,
    /// `module::Type::method`, relative to the instrumented item.
    pub span_name: String,
}

/// Calls `visit` on every function of an `impl` block or inline module, in order.
pub fn for_each_function(item: &mut Item, visit: &mut impl FnMut(FunctionMut)) {
    match item {
        Item::Impl(block) => methods(block, "", visit),
        Item::Mod(module) => {
            if let Some((_, items)) = &mut module.content {
                walk_mut(items, &String::new(), &mut |item, prefix: &String| {
                    match item {
                        Item::Fn(function) => visit(FunctionMut {
                            is_pub: matches!(function.vis, syn::Visibility::Public(_)),
                            span_name: format!("{prefix}{}", function.sig.ident.unraw()),
                            attrs: &mut function.attrs,
                            sig: &mut function.sig,
                            body: &mut function.block,
                        }),
                        Item::Impl(block) => methods(block, prefix, visit),
                        Item::Mod(inner) => return format!("{prefix}{}::", inner.ident.unraw()),
                        _ => {}
                    }
                    String::new()
                });
            }
        }
        _ => {}
    }
}

fn methods(block: &mut ItemImpl, prefix: &str, visit: &mut impl FnMut(FunctionMut)) {
    let owner = impl_owner(block);
    // In a trait impl, visibility is the trait's: `only = "pub"` keeps its methods.
    let trait_impl = block.trait_.is_some();
    for item in &mut block.items {
        if let ImplItem::Fn(function) = item {
            visit(FunctionMut {
                is_pub: trait_impl || matches!(function.vis, syn::Visibility::Public(_)),
                span_name: format!("{prefix}{owner}::{}", function.sig.ident.unraw()),
                attrs: &mut function.attrs,
                sig: &mut function.sig,
                body: &mut function.block,
            });
        }
    }
}

/// The names of the functions a block's selector chooses among: those `for_each_function`
/// visits.
pub fn function_names(item: &Item) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |item: &Item| match item {
        Item::Fn(function) => names.push(function.sig.ident.unraw().to_string()),
        Item::Impl(block) => names.extend(members::methods(block).map(|method| method.name)),
        _ => {}
    };
    match item {
        Item::Impl(_) => add(item),
        Item::Mod(module) => {
            if let Some(items) = inline_items(module) {
                walk(items, &(), &mut |item, _| add(item));
            }
        }
        _ => {}
    }
    names
}
