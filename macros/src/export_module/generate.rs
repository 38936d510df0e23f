//! Checked model → tokens: the module as written, plus a `module()` in it (and in each
//! exported nested module) that builds the `DynModule` once.

use proc_macro2::{Span, TokenStream};

use crate::common::respan::located_at;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};
use crate::common::source_text::source_text;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::validate::{Exported, ExportedFn, ExportedMember, Read};

/// The module with its `module()` functions added.
pub fn generate(exported: &Exported, mut module: ShallowItem) -> TokenStream {
    add_module_fn(exported, &mut module);
    quote::ToTokens::into_token_stream(&module)
}

fn add_module_fn(exported: &Exported, module: &mut ShallowItem) {
    let ShallowKind::Module(ShallowModule {
        content: Some(content),
        ..
    }) = &mut module.kind
    else {
        return;
    };
    for member in &exported.members {
        if let ExportedMember::Module {
            position, exported, ..
        } = &member.kind
            && let Some(nested) = content.items.get_mut(*position)
        {
            add_module_fn(exported, nested);
        }
    }
    if exported.add_module_fn {
        content
            .items
            .push(ShallowItem::verbatim(module_fn(exported)));
    }
}

/// `module()`: the module as one `static` the runtime reads the first time it is asked.
///
/// A function adds no code of its own: its name, doc and signature are a few bytes of the
/// manifest string, and its `fn` pointer one element of its signature's group; only each
/// distinct signature's group is compiled (rustc's cost is per generated body and per
/// constant expression, so both are kept to one per signature).
fn module_fn(exported: &Exported) -> TokenStream {
    let krate = &exported.krate;
    let private = quote!(#krate::__private::dynamic);
    let mut manifest = Manifest::default();
    let mut groups = Groups::default();
    let mut constants = Vec::new();
    let mut modules = Vec::new();
    for member in &exported.members {
        // A member whose item carries `#[cfg(..)]` gets the same predicates on its part of
        // the manifest, and on its constant or module entry, so that it leaves `module()`
        // when its item is configured out.
        let cfg = cfg_attribute(&member.cfg);
        manifest.start_member(&cfg);
        match &member.kind {
            ExportedMember::Function(function) => {
                let group = groups.add(function, &member.cfg);
                manifest.field("f");
                manifest.field(&function.name);
                manifest.field(&group.to_string());
                manifest.field(&function.doc);
                manifest.field(&function.ret);
                manifest.field(&function.params.len().to_string());
                for param in &function.params {
                    manifest.field(&param.name);
                    manifest.field(&param.ty);
                }
            }
            ExportedMember::Constant { name, ident } => {
                manifest.field("c");
                manifest.field(name);
                constants.push(quote!(#cfg || #private::constant(self::#ident)));
            }
            ExportedMember::Module { name, ident, .. } => {
                manifest.field("m");
                manifest.field(name);
                modules.push(quote!(#cfg self::#ident::module));
            }
        }
        manifest.end_member(&cfg);
    }
    // Each group's return type named where its first function declares it, in a constant
    // (checked, never compiled to code): one without a conversion is reported there.
    let returns = groups.list.iter().filter_map(|group| {
        let ty = group.first.ret_ty.as_ref()?;
        let cfg = cfg_attribute(group.cfg);
        Some(quote_spanned!(ty.span()=> #cfg let _: ::core::option::Option<#private::Returns<#ty>> = ::core::option::Option::None;))
    });
    let groups = groups
        .list
        .iter()
        .map(|group| group_tokens(group, &private));
    let manifest = manifest.finish();
    let (name, doc) = (&exported.name, &exported.doc);
    let fn_doc = format!(
        "This module as a `DynModule` named `{name}`, built on first use: its exported \
         functions, constants and modules, called and read by name \
         (`#[modsmith::export_module]`)."
    );
    quote! {
        #[doc = #fn_doc]
        pub fn module() -> &'static #private::DynModule {
            const _: () = { #( #returns )* };
            static __MODSMITH_EXPORTS: #private::Exports = #private::Exports {
                name: #name,
                doc: #doc,
                manifest: &[ #( #manifest ),* ],
                groups: &[ #( #groups ),* ],
                constants: &[ #( #constants ),* ],
                modules: &[ #( #modules ),* ],
            };
            static __MODSMITH_MODULE: #private::ModuleCell = #private::ModuleCell::new();
            __MODSMITH_MODULE.get(&__MODSMITH_EXPORTS)
        }
    }
}

/// `#[cfg(..)]` of a member's predicates; nothing for a member without `#[cfg]`.
fn cfg_attribute(predicates: &[TokenStream]) -> TokenStream {
    if predicates.is_empty() {
        TokenStream::new()
    } else {
        let predicate = all_of(predicates);
        quote!(#[cfg(#predicate)])
    }
}

/// The predicate that holds when all of `predicates` do: the one itself when there is one.
fn all_of(predicates: &[TokenStream]) -> TokenStream {
    match predicates {
        [one] => one.clone(),
        many => quote!(all( #( #many ),* )),
    }
}

/// The manifest the runtime's `build` reads, as string literals: fields written
/// `<length>:<text>`, so that any text reads back as written. The members without `#[cfg]`
/// that follow each other share one literal; each member with one has its own, under its
/// predicates.
#[derive(Default)]
struct Manifest {
    chunks: Vec<TokenStream>,
    text: String,
}

impl Manifest {
    fn start_member(&mut self, cfg: &TokenStream) {
        if !cfg.is_empty() {
            self.flush(&TokenStream::new());
        }
    }

    fn end_member(&mut self, cfg: &TokenStream) {
        if !cfg.is_empty() {
            self.flush(cfg);
        }
    }

    fn flush(&mut self, cfg: &TokenStream) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.chunks.push(quote!(#cfg #text));
        }
    }

    fn field(&mut self, text: &str) {
        self.text.push_str(&text.len().to_string());
        self.text.push(':');
        self.text.push_str(text);
    }

    fn finish(mut self) -> Vec<TokenStream> {
        self.flush(&TokenStream::new());
        self.chunks
    }
}

/// The functions sorted into groups of one signature (parameter and return types as
/// written), in order of first appearance.
#[derive(Default)]
struct Groups<'a> {
    list: Vec<Group<'a>>,
    /// Signature → position in `list`: a map, so that a module of many distinct signatures
    /// does not make grouping quadratic.
    by_signature: std::collections::HashMap<String, usize>,
}

struct Group<'a> {
    /// The first function of the group: its types name the group's.
    first: &'a ExportedFn,
    /// The `#[cfg]` predicates its functions share.
    cfg: &'a [TokenStream],
    functions: Vec<&'a syn::Ident>,
}

impl<'a> Groups<'a> {
    /// Adds `function` to its signature's group; the group's position.
    fn add(&mut self, function: &'a ExportedFn, cfg: &'a [TokenStream]) -> usize {
        // Functions under different `#[cfg]`s are in different groups: a group is left out
        // with its functions' predicates, and its types may exist only under them.
        let mut signature = source_text(cfg.iter().cloned().collect());
        signature.push('\n');
        signature.push_str(&function.ret);
        for param in &function.params {
            // A character no type's text has, between the types.
            signature.push('\n');
            signature.push_str(&param.ty);
        }
        let position = *self.by_signature.entry(signature).or_insert_with(|| {
            self.list.push(Group {
                first: function,
                cfg,
                functions: Vec::new(),
            });
            self.list.len() - 1
        });
        self.list[position].functions.push(&function.ident);
        position
    }
}

/// `&GroupN::<kinds.., R>(&[self::f, ..])`.
fn group_tokens(group: &Group<'_>, private: &TokenStream) -> TokenStream {
    // Each kind is spanned at the parameter's type, the runtime's path included (a path of
    // mixed locations is reported at the attribute): a type without `FromValue` is reported
    // there.
    let kinds = group.first.params.iter().map(|param| {
        let (kind, ty) = match &param.read {
            Read::Owned(ty) => ("Owned", ty),
            Read::Borrowed(ty) => ("Borrowed", ty),
            Read::Converted(ty) => ("Converted", ty),
        };
        let at = ty.span();
        let private = located_at(private, at);
        let kind = syn::Ident::new(kind, Span::call_site().located_at(at));
        quote_spanned!(at=> #private::#kind<#ty>)
    });
    let ret = match &group.first.ret_ty {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let arity = quote::format_ident!("Group{}", group.first.params.len());
    let functions = &group.functions;
    let group_of_signature = quote! {
        &#private::#arity::<#( #kinds, )* #ret>(&[ #( self::#functions ),* ])
    };
    if group.cfg.is_empty() {
        return group_of_signature;
    }
    // Configured out, the group leaves an empty one in its place, so that the positions of
    // the groups after it, which the manifest names, stay the same.
    let predicate = all_of(group.cfg);
    quote! {
        #[cfg(#predicate)] #group_of_signature,
        #[cfg(not(#predicate))] &#private::NoGroup
    }
}
