//! Walking the items of an inline module, into its inline modules, and reaching any item's
//! attributes: what every macro that works on a whole module needs.

use syn::{Attribute, Item, ItemMod};

/// The attributes of an item that can carry them as a member (see
/// [`members::member`](super::members::member)); `None` for the others.
pub fn attrs_mut(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Fn(item) => &mut item.attrs,
        Item::Struct(item) => &mut item.attrs,
        Item::Enum(item) => &mut item.attrs,
        Item::Union(item) => &mut item.attrs,
        Item::Trait(item) => &mut item.attrs,
        Item::Impl(item) => &mut item.attrs,
        Item::Const(item) => &mut item.attrs,
        Item::Static(item) => &mut item.attrs,
        Item::Type(item) => &mut item.attrs,
        Item::Mod(item) => &mut item.attrs,
        Item::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

/// Whether an attribute is the named one of a macro, written bare or by path
/// (`#[instrument]`, `#[modsmith::instrument]`, `#[::modsmith::instrument]`).
pub fn is_attribute(attr: &Attribute, name: &str) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == name)
}

/// The items of a module written inline (`mod m { .. }`); `None` for `mod m;`, whose items
/// are in another file that an attribute never receives.
pub fn inline_items(module: &ItemMod) -> Option<&[Item]> {
    module.content.as_ref().map(|(_, items)| items.as_slice())
}

/// Visits every item of `items` and of the inline modules among them, depth first, each
/// module before its items. `visit` receives the context of the module the item is in and
/// returns the context for the items inside it, when it is an inline module (for example
/// the module path, or what an item's attributes opted out of).
pub fn walk_mut<C>(items: &mut [Item], context: &C, visit: &mut impl FnMut(&mut Item, &C) -> C) {
    for item in items {
        let inner = visit(item, context);
        if let Item::Mod(module) = item
            && let Some((_, items)) = &mut module.content
        {
            walk_mut(items, &inner, visit);
        }
    }
}

/// The same, read-only.
pub fn walk<'a, C>(items: &'a [Item], context: &C, visit: &mut impl FnMut(&'a Item, &C) -> C) {
    for item in items {
        let inner = visit(item, context);
        if let Item::Mod(module) = item
            && let Some(items) = inline_items(module)
        {
            walk(items, &inner, visit);
        }
    }
}
