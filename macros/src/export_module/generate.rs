//! Checked model → tokens: the module as written, plus a `module()` in it (and in each
//! exported nested module) that builds the `DynModule` once.

use proc_macro2::{Span, TokenStream};

use crate::common::respan::located_at;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Item, ItemMod};

use super::validate::{Exported, ExportedMember, Read};

/// The module with its `module()` functions added.
pub fn generate(exported: &Exported, mut module: ItemMod) -> TokenStream {
    add_module_fn(exported, &mut module);
    quote::ToTokens::into_token_stream(module)
}

fn add_module_fn(exported: &Exported, module: &mut ItemMod) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    for member in &exported.members {
        if let ExportedMember::Module {
            ident, exported, ..
        } = member
            && let Some(Item::Mod(nested)) = items
                .iter_mut()
                .find(|item| matches!(item, Item::Mod(nested) if nested.ident == *ident))
        {
            add_module_fn(exported, nested);
        }
    }
    if exported.add_module_fn {
        items.push(Item::Verbatim(module_fn(exported)));
    }
}

/// `module()`: the entries are built in a nested function, handed to the runtime's cell,
/// which builds the module the first time it is asked.
fn module_fn(exported: &Exported) -> TokenStream {
    let krate = &exported.krate;
    let private = quote!(#krate::__private::dynamic);
    let (name, doc) = (&exported.name, &exported.doc);
    let entries: Vec<TokenStream> = exported
        .members
        .iter()
        .map(|member| entry(member, &private))
        .collect();
    let count = entries.len();
    // Each return type named where the function declares it, in a constant (checked, never
    // compiled to code): one without a conversion is reported there.
    let returns = exported.members.iter().filter_map(|member| match member {
        ExportedMember::Function(function) => function.ret_ty.as_ref(),
        _ => None,
    });
    let returns = returns.map(|ty| {
        quote_spanned!(ty.span()=> let _: ::core::option::Option<#private::Returns<#ty>> = ::core::option::Option::None;)
    });
    let fn_doc = format!(
        "This module as a `DynModule` named `{name}`, built on first use: its exported \
         functions, constants and modules, called and read by name \
         (`#[modsmith::export_module]`)."
    );
    // The members are static data: a function adds no code of its own, only each distinct
    // signature's adapter is compiled.
    quote! {
        #[doc = #fn_doc]
        pub fn module() -> &'static #private::DynModule {
            const _: () = { #( #returns )* };
            static __MODSMITH_ENTRIES: [#private::Entry; #count] = [ #( #entries ),* ];
            fn __modsmith_build() -> ::core::result::Result<#private::DynModule, #private::BuildError> {
                #private::build(#name, #doc, &__MODSMITH_ENTRIES)
            }
            static __MODSMITH_MODULE: #private::ModuleCell = #private::ModuleCell::new();
            __MODSMITH_MODULE.get(__modsmith_build)
        }
    }
}

fn entry(member: &ExportedMember, private: &TokenStream) -> TokenStream {
    match member {
        ExportedMember::Function(function) => {
            let (name, doc, ret, ident) = (
                &function.name,
                &function.doc,
                &function.ret,
                &function.ident,
            );
            let params = function.params.iter().map(|param| {
                let (name, ty) = (&param.name, &param.ty);
                quote!((#name, #ty))
            });
            // Each kind is spanned at the parameter's type, the runtime's path included (a
            // path of mixed locations is reported at the attribute): a type without
            // `FromValue` is reported there.
            let kinds = function.params.iter().map(|param| {
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
            let adapter = quote::format_ident!("Adapt{}", function.params.len());
            quote! {
                #private::Entry::Function(
                    &#private::FnInfo {
                        name: #name,
                        doc: #doc,
                        params: &[ #( #params ),* ],
                        ret: #ret,
                    },
                    &#private::#adapter::<#( #kinds, )* _> { function: self::#ident },
                )
            }
        }
        ExportedMember::Constant { name, ident } => {
            quote!(#private::Entry::Constant(#name, || #private::constant(self::#ident)))
        }
        ExportedMember::Module { name, ident, .. } => {
            quote!(#private::Entry::Module(#name, self::#ident::module))
        }
    }
}
