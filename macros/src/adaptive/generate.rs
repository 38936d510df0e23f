//! Checked model → tokens: each function replaced by its slot (the function as called
//! before, its body, its `static`, its types and its handle), and the module's `adapt`,
//! `interface()` and `supports()`.
//!
//! Thin: every handle method is one call into the runtime's `Slot`; what is per function is
//! only what must name its types (the closure bounds, so that closures need no annotations,
//! and the calls of the body with the arguments spread out).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Lifetime, ReturnType, Type, Visibility};

use super::validate::{Adaptive, Slot};
use crate::common::respan::located_at;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};

/// The module with its functions made slots, and the items the macro adds.
pub fn generate(adaptive: &Adaptive, mut module: ShallowItem) -> TokenStream {
    if let ShallowKind::Module(ShallowModule {
        content: Some(content),
        ..
    }) = &mut module.kind
    {
        let private = private(adaptive);
        for slot in &adaptive.slots {
            if let Some(item) = content.items.get_mut(slot.position) {
                *item = ShallowItem::verbatim(slot_items(adaptive, slot, &private));
            }
        }
        for position in &adaptive.stubbed {
            if let Some(item) = content.items.get_mut(*position) {
                stub(item);
            }
        }
        content
            .items
            .push(ShallowItem::verbatim(module_items(adaptive, &private)));
    }
    quote::ToTokens::into_token_stream(&module)
}

fn private(adaptive: &Adaptive) -> TokenStream {
    let krate = &adaptive.krate;
    quote!(#krate::__private::adaptive)
}

/// Gives a function declared without a body, which could not become a slot, a body: the
/// module has an error already, and rustc would add "free function without a body".
fn stub(item: &mut ShallowItem) {
    let mut tokens: Vec<proc_macro2::TokenTree> = item.tokens.clone().into_iter().collect();
    if matches!(tokens.last(), Some(proc_macro2::TokenTree::Punct(punct)) if punct.as_char() == ';')
    {
        tokens.pop();
        item.tokens = tokens.into_iter().collect();
        item.attrs
            .push(syn::parse_quote!(#[allow(unused_variables)]));
        item.tokens.extend(quote!({ ::core::unreachable!() }));
    }
}

/// The names of one slot's generated items.
struct Names {
    body: syn::Ident,
    slot: syn::Ident,
    sig: syn::Ident,
    args: syn::Ident,
    handle: syn::Ident,
    args_alias: syn::Ident,
}

impl Names {
    fn of(slot: &Slot) -> Self {
        let name = &slot.name;
        Names {
            body: format_ident!("__modsmith_body_{}", name),
            slot: format_ident!("__modsmith_slot_{}", name),
            sig: format_ident!("__ModsmithSig_{}", name),
            args: format_ident!("__ModsmithArgs_{}", name),
            handle: format_ident!("{}", slot.camel),
            args_alias: format_ident!("{}Args", slot.camel),
        }
    }
}

/// `E` of a return type written `Result<T, E>`.
fn result_error(output: &ReturnType) -> Option<&Type> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(path) = &**ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            syn::GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [_, error] if segment.ident == "Result" && path.qself.is_none() => Some(error),
        _ => None,
    }
}

/// The type with every lifetime but `'static` written `'_`, for expressions inside a closure,
/// where the function's lifetimes are not in scope and rustc infers them.
fn erase_lifetimes(ty: &Type) -> TokenStream {
    fn erase(tokens: TokenStream) -> TokenStream {
        let mut out = Vec::new();
        let mut after_apostrophe = false;
        for token in tokens {
            let token = match token {
                proc_macro2::TokenTree::Group(group) => {
                    let mut erased =
                        proc_macro2::Group::new(group.delimiter(), erase(group.stream()));
                    erased.set_span(group.span());
                    proc_macro2::TokenTree::Group(erased)
                }
                proc_macro2::TokenTree::Ident(ident) if after_apostrophe && ident != "static" => {
                    proc_macro2::TokenTree::Ident(syn::Ident::new("_", ident.span()))
                }
                other => other,
            };
            after_apostrophe =
                matches!(&token, proc_macro2::TokenTree::Punct(punct) if punct.as_char() == '\'');
            out.push(token);
        }
        out.into_iter().collect()
    }
    erase(quote!(#ty))
}

/// The pieces of a slot's types that its items and its handle both write.
struct Types<'a> {
    /// `for<'a, ..>` over the function's lifetimes: the replacement's binder.
    for_fn: TokenStream,
    /// The parameters' types as written.
    tys: Vec<&'a Type>,
    /// The return type as written; `()` without one.
    ret: TokenStream,
    /// `<'e0, 'a, ..>` of the arguments struct.
    args_generics: TokenStream,
    /// `for<'e0, 'a, ..>` over the arguments struct's lifetimes.
    for_args: TokenStream,
    send_sync: TokenStream,
}

impl<'a> Types<'a> {
    fn of(slot: &'a Slot) -> Self {
        let sig = &slot.sig;
        Types {
            for_fn: binder(sig.generics.lifetimes().map(|param| &param.lifetime)),
            tys: slot.params.iter().map(|param| &param.ty).collect(),
            ret: match &sig.output {
                ReturnType::Default => quote!(()),
                ReturnType::Type(_, ty) => quote!(#ty),
            },
            args_generics: generics(&slot.args_lifetimes),
            for_args: binder(&slot.args_lifetimes),
            send_sync: quote!(+ ::core::marker::Send + ::core::marker::Sync),
        }
    }
}

/// `for<'a, ..>` over `lifetimes`; nothing when there are none.
fn binder<'a>(lifetimes: impl IntoIterator<Item = &'a Lifetime>) -> TokenStream {
    let lifetimes: Vec<_> = lifetimes.into_iter().collect();
    if lifetimes.is_empty() {
        TokenStream::new()
    } else {
        quote!(for<#(#lifetimes),*>)
    }
}

/// `<'a, ..>`; nothing when there are none.
fn generics(lifetimes: &[Lifetime]) -> TokenStream {
    if lifetimes.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#(#lifetimes),*>)
    }
}

/// The attribute with `#[expect(..)]` written `#[allow(..)]`: a function's attributes go on
/// the wrapper and the body, and an expectation only one of them fulfils would warn on the
/// other.
fn expect_as_allow(attr: &Attribute) -> Attribute {
    let mut attr = attr.clone();
    if let syn::Meta::List(list) = &mut attr.meta
        && list.path.is_ident("expect")
    {
        list.path = syn::Ident::new("allow", list.path.span()).into();
    }
    attr
}

/// Whether the body needs the attribute too: lint levels, `#[inline]`, `#[cfg]`, and what
/// changes how the body runs (`#[track_caller]`, `#[target_feature]`, `#[cold]`).
fn for_the_body(attr: &Attribute) -> bool {
    [
        "allow",
        "expect",
        "warn",
        "deny",
        "forbid",
        "inline",
        "cfg",
        "track_caller",
        "target_feature",
        "cold",
    ]
    .iter()
    .any(|name| attr.path().is_ident(name))
}

fn slot_items(adaptive: &Adaptive, slot: &Slot, private: &TokenStream) -> TokenStream {
    let names = Names::of(slot);
    let Names {
        body: body_fn,
        slot: slot_static,
        sig: sig_ty,
        args: args_ty,
        ..
    } = &names;
    let cfg = &slot.cfg;
    let ident = &slot.ident;
    let vis = &slot.vis;
    let sig = &slot.sig;
    let fn_generics = &sig.generics;
    let Types {
        for_fn,
        tys,
        ret,
        args_generics,
        send_sync,
        ..
    } = Types::of(slot);
    let fields: Vec<&syn::Ident> = slot.params.iter().map(|param| &param.field).collect();
    let bindings: Vec<&syn::Ident> = slot.params.iter().map(|param| &param.binding).collect();
    let field_tys: Vec<&Type> = slot.params.iter().map(|param| &param.field_ty).collect();
    let out = &slot.out;
    let args_lifetimes = &slot.args_lifetimes;

    // The function, called as before.
    let wrapper_attrs = slot
        .attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("inline") && !attr.path().is_ident("cold"))
        .map(expect_as_allow);
    let wrapper = quote! {
        #(#wrapper_attrs)*
        #[inline]
        #vis fn #ident #fn_generics ( #( #bindings: #tys ),* ) -> #ret {
            match #private::Slot::fast(&#slot_static) {
                #private::Fast::Body => #body_fn( #( #bindings ),* ),
                #private::Fast::Imp(__modsmith_imp) => __modsmith_imp( #( #bindings ),* ),
                #private::Fast::Slow => #private::Slot::slow(
                    &#slot_static,
                    #args_ty { #( #fields: #bindings ),* },
                ),
            }
        }
    };

    // The body as written, or, for an optional function, "not provided".
    let body_attrs = slot
        .attrs
        .iter()
        .filter(|attr| for_the_body(attr))
        .map(expect_as_allow);
    let inline = if slot.attrs.iter().any(|attr| attr.path().is_ident("inline")) {
        TokenStream::new()
    } else {
        quote!(#[inline])
    };
    let inputs = &sig.inputs;
    let output = &sig.output;
    let body = match &slot.body {
        Some(body) => body.clone(),
        None => {
            let at = match &sig.output {
                ReturnType::Type(_, ty) => ty.span(),
                ReturnType::Default => sig.span(),
            };
            let (module, name) = (&adaptive.module, &slot.name);
            let not_provided = quote!(#private::NotProvided::new(#module, #name));
            match result_error(&sig.output) {
                // `Result<T, E>` as written: the bound is on `E` itself, so that rustc shows
                // `NotProvidedError`'s message, at `E`.
                Some(error) => {
                    let at = error.span();
                    let trait_path = located_at(&quote!(#private::NotProvidedError), at);
                    quote_spanned! {at=>
                        {
                            ::core::result::Result::Err(
                                <#error as #trait_path>::from_not_provided(#not_provided),
                            )
                        }
                    }
                }
                None => {
                    let optional_return = located_at(&quote!(#private::OptionalReturn), at);
                    quote_spanned! {at=>
                        {
                            <#ret as #optional_return>::not_provided(#not_provided)
                        }
                    }
                }
            }
        }
    };
    let unused = if slot.body.is_none() {
        quote!(#[allow(unused_variables)])
    } else {
        TokenStream::new()
    };
    let body_fn_item = quote! {
        #(#body_attrs)*
        #inline
        #unused
        #[doc(hidden)]
        fn #body_fn #fn_generics ( #inputs ) #output #body
    };

    // The slot's types.
    let args_docs = slot
        .params
        .iter()
        .map(|param| format!("`{}: {}`", param.field, param.ty_text));
    let args_doc = format!(
        "The arguments of `{}`, as a middleware layer receives them.",
        slot.name
    );
    let sig_items = quote! {
        #(#cfg)*
        #[doc = #args_doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub struct #args_ty #args_generics {
            #( #[doc = #args_docs] pub #fields: #field_tys, )*
        }

        #(#cfg)*
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub enum #sig_ty {}

        #(#cfg)*
        impl #private::Sig for #sig_ty {
            type Imp = dyn #for_fn ::core::ops::Fn( #( #tys ),* ) -> #ret #send_sync;
            type Local = dyn #for_fn ::core::ops::Fn( #( #tys ),* ) -> #ret;
            type Layer = dyn for<#( #args_lifetimes, )* '__modsmith_n> ::core::ops::Fn(
                #args_ty #args_generics,
                #private::Next<'__modsmith_n, #sig_ty>,
            ) -> #out #send_sync;
            fn local() -> &'static #private::LocalKey<#private::Cell<#private::Cache<#sig_ty>>> {
                #private::thread_local! {
                    static __MODSMITH_LOCAL: #private::Cell<#private::Cache<#sig_ty>> =
                        const { #private::empty_cache::<#sig_ty>() };
                }
                &__MODSMITH_LOCAL
            }
            fn overrides() -> &'static #private::LocalKey<#private::Overrides<#sig_ty>> {
                #private::thread_local! {
                    static __MODSMITH_OVERRIDES: #private::Overrides<#sig_ty> =
                        const { #private::no_overrides::<#sig_ty>() };
                }
                &__MODSMITH_OVERRIDES
            }
        }

        #(#cfg)*
        impl #args_generics #private::Call<#args_ty #args_generics> for #sig_ty {
            type Out = #out;
            fn layer(
                __modsmith_layer: &<#sig_ty as #private::Sig>::Layer,
                __modsmith_args: #args_ty #args_generics,
                __modsmith_next: #private::Next<'_, #sig_ty>,
            ) -> #out {
                __modsmith_layer(__modsmith_args, __modsmith_next)
            }
            fn base(
                __modsmith_active: #private::Active<'_, #sig_ty>,
                __modsmith_args: #args_ty #args_generics,
            ) -> #out {
                match __modsmith_active {
                    #private::Active::Local(__modsmith_f) => __modsmith_f( #( __modsmith_args.#fields ),* ),
                    #private::Active::Shared(__modsmith_f) => __modsmith_f( #( __modsmith_args.#fields ),* ),
                    #private::Active::Body => #body_fn( #( __modsmith_args.#fields ),* ),
                }
            }
        }

        #(#cfg)*
        #[allow(non_upper_case_globals)]
        static #slot_static: #private::Slot<#sig_ty> = #private::Slot::new();
    };

    let handle = if adaptive.adds("adapt") {
        handle_impl(adaptive, slot, &names, private)
    } else {
        TokenStream::new()
    };
    quote! {
        #wrapper
        #body_fn_item
        #sig_items
        #handle
    }
}

/// The handle's methods, in the module (where the function's types resolve as written).
fn handle_impl(
    adaptive: &Adaptive,
    slot: &Slot,
    names: &Names,
    private: &TokenStream,
) -> TokenStream {
    let Names {
        slot: slot_static,
        sig: sig_ty,
        args: args_ty,
        handle,
        ..
    } = names;
    let cfg = &slot.cfg;
    let sig = &slot.sig;
    let Types {
        for_fn,
        tys,
        ret,
        args_generics,
        for_args,
        send_sync,
    } = Types::of(slot);
    let out = &slot.out;
    let args_lifetimes = &slot.args_lifetimes;
    let name = &slot.name;
    let qualified = format!("{}::{}", adaptive.module, name);

    // An optional function is provided rather than replaced: the same method, named for it.
    let (install, installs, installed) = if slot.optional {
        ("provide", "Provides", "provided")
    } else {
        ("replace", "Replaces", "replaced")
    };
    let install_doc = format!(
        "{installs} `{qualified}` for every thread, until `reset()` or the returned `Restore` \
         is restored. The closure is leaked (never freed), and so is a small snapshot of the \
         slot's state per change."
    );
    let is_installed_doc = format!("Whether `{qualified}` is {installed} for every thread.");
    let install = format_ident!("{}", install);
    let is_installed = format_ident!("is_{}", installed);

    // `replace_dynamic`: each conversion a bound that names the method's own lifetime, so
    // that it is checked where the method is called.
    let through = quote!(#private::Through<'__modsmith_g>);
    let mut bounds = Vec::new();
    let mut conversions = Vec::new();
    let closure_params: Vec<syn::Ident> = (0..slot.params.len())
        .map(|index| format_ident!("__modsmith_arg{}", index))
        .collect();
    for (param, binding) in slot.params.iter().zip(&closure_params) {
        // At the referent of a reference (`Card` of `&Card`): a span is one token on stable.
        let at = match &param.ty {
            Type::Reference(reference) => reference.elem.span(),
            ty => ty.span(),
        };
        // Spanned at the parameter's type, paths included, so that rustc's "required by
        // this bound" points there.
        let bound = match (&param.by_ref, &param.field_ty) {
            (Some(_), Type::Reference(field)) => {
                // `&'e T` even for `&'e mut T`: the value is read through a shared reborrow.
                // The reference rather than `T`, so that a `dyn Trait` keeps its lifetime.
                let (lifetime, referent) = (&field.lifetime, &field.elem);
                let referent_ty = erase_lifetimes(referent);
                conversions.push(quote!(
                    <#through as #private::ArgumentRef<&#referent_ty>>::value(&*#binding)
                ));
                quote!(#for_args #through: #private::ArgumentRef<&#lifetime #referent>)
            }
            (_, field_ty) => {
                let ty = erase_lifetimes(field_ty);
                conversions.push(quote!(<#through as #private::Argument<#ty>>::value(#binding)));
                quote!(#for_args #through: #private::Argument<#field_ty>)
            }
        };
        bounds.push(located_at(&bound, at));
    }
    let returned = quote!(#for_args #through: #private::Returned<#out>);
    bounds.push(match &sig.output {
        ReturnType::Type(_, ty) => located_at(&returned, ty.span()),
        ReturnType::Default => returned,
    });
    let param_texts = slot.params.iter().map(|param| &param.ty_text);
    let (signature_text, ok_text) = (&slot.signature_text, &slot.ok_text);

    quote! {
        #(#cfg)*
        impl adapt::#handle {
            #[doc = #install_doc]
            pub fn #install<__ModsmithF>(self, __modsmith_f: __ModsmithF) -> #private::Restore
            where
                __ModsmithF: #for_fn ::core::ops::Fn( #( #tys ),* ) -> #ret #send_sync + 'static,
            {
                #private::Slot::replace(&#slot_static, #private::Box::new(__modsmith_f))
            }

            /// Back to the function as written: no replacement, no middleware layers.
            /// Overrides end with their guards.
            pub fn reset(self) {
                #private::Slot::reset(&#slot_static)
            }

            #[doc = #is_installed_doc]
            pub fn #is_installed(self) -> ::core::primitive::bool {
                #private::Slot::state(&#slot_static).replaced
            }

            /// Whether this thread (or task, under `scope`) overrides it.
            pub fn is_overridden(self) -> ::core::primitive::bool {
                #private::Slot::state(&#slot_static).overridden
            }

            /// Overrides it on this thread until the guard drops. It wins over a
            /// replacement; other threads, including those this one spawns, do not see it.
            pub fn override_scoped<__ModsmithF>(self, __modsmith_f: __ModsmithF) -> #private::OverrideGuard<#sig_ty>
            where
                __ModsmithF: #for_fn ::core::ops::Fn( #( #tys ),* ) -> #ret + 'static,
            {
                #private::Slot::override_scoped(&#slot_static, #private::Rc::new(__modsmith_f))
            }

            /// Runs `future` with this override: installed around each poll, so it follows
            /// the task across `.await`s and worker threads, and no other task sees it.
            pub fn scope<__ModsmithF, __ModsmithFut>(
                self,
                __modsmith_f: __ModsmithF,
                __modsmith_future: __ModsmithFut,
            ) -> impl ::core::future::Future<Output = __ModsmithFut::Output>
            where
                __ModsmithF: #for_fn ::core::ops::Fn( #( #tys ),* ) -> #ret #send_sync + 'static,
                __ModsmithFut: ::core::future::Future,
            {
                #private::Slot::scope(&#slot_static, #private::Arc::new(__modsmith_f), __modsmith_future)
            }

            /// Adds a middleware layer, outermost: it gets the arguments and `next`, which
            /// runs the layers inside it and then whichever implementation is active. The
            /// layer is leaked (never freed); `Layer::remove` takes it off.
            pub fn wrap<__ModsmithL>(self, __modsmith_layer: __ModsmithL) -> #private::Layer
            where
                __ModsmithL: for<#( #args_lifetimes, )* '__modsmith_n> ::core::ops::Fn(
                    #args_ty #args_generics,
                    #private::Next<'__modsmith_n, #sig_ty>,
                ) -> #out #send_sync + 'static,
            {
                #private::Slot::wrap(&#slot_static, #private::Box::new(__modsmith_layer))
            }

            /// Fills it from a `DynModule` function, after checking the function's
            /// signature against it: the arguments are converted into `Value`s and the
            /// result back, and a failed call is the function's error (`E: From<CallError>`).
            pub fn replace_dynamic<'__modsmith_g>(
                self,
                __modsmith_function: &'__modsmith_g #private::Function,
            ) -> ::core::result::Result<#private::Restore, #private::FillError>
            where
                #( #bounds, )*
            {
                #private::check(__modsmith_function, &#private::SlotShape {
                    slot: #qualified,
                    signature: #signature_text,
                    params: &[ #( #param_texts ),* ],
                    ok: #ok_text,
                })?;
                let __modsmith_function = <#private::Function as ::core::clone::Clone>::clone(__modsmith_function);
                ::core::result::Result::Ok(self.#install(move | #( #closure_params ),* | {
                    let __modsmith_result = #private::call(&__modsmith_function, [ #( #conversions ),* ]);
                    <#through as #private::Returned<_>>::returned(&__modsmith_function, __modsmith_result)
                }))
            }
        }
    }
}

/// `adapt` (a handle per function), `interface()`, `supports()` and the manifest they read.
fn module_items(adaptive: &Adaptive, private: &TokenStream) -> TokenStream {
    let handles = adaptive.slots.iter().map(|slot| {
        let Names {
            args,
            handle,
            args_alias,
            ..
        } = Names::of(slot);
        let cfg = &slot.cfg;
        let ident = &slot.ident;
        let vis = child_visibility(&slot.vis);
        let qualified = format!("{}::{}", adaptive.module, slot.name);
        let handle_doc = format!(
            "The handle of [`{0}`](super::{1}): replace, override, wrap or inspect it. Reach it \
             through [`{1}`]; see `modsmith::adaptive`.",
            qualified, ident
        );
        let const_doc = format!("The handle of [`{qualified}`](super::{ident}).");
        quote! {
            #(#cfg)*
            #[doc = #handle_doc]
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
            #vis struct #handle {
                _private: (),
            }

            #(#cfg)*
            #[doc = #const_doc]
            #[allow(non_upper_case_globals)]
            #vis const #ident: #handle = #handle { _private: () };

            #(#cfg)*
            #[doc(inline)]
            #vis use super::#args as #args_alias;
        }
    });
    let entries = adaptive.slots.iter().map(|slot| {
        let cfg = &slot.cfg;
        let slot_static = format_ident!("__modsmith_slot_{}", slot.name);
        let (name, signature, doc, optional) =
            (&slot.name, &slot.signature_text, &slot.doc, slot.optional);
        quote! {
            #(#cfg)*
            #private::FunctionEntry {
                name: #name,
                signature: #signature,
                doc: #doc,
                optional: #optional,
                state: || #private::Slot::state(&#slot_static),
            }
        }
    });
    let (module, version, doc) = (&adaptive.module, &adaptive.version, &adaptive.doc);
    let adapt_doc = format!(
        "The handles of `{module}`'s functions, one per function under its name \
         (`{module}::adapt::name.replace(..)`), and each one's arguments struct for middleware \
         (`#[modsmith::adaptive]`)."
    );
    let adapt = adaptive.adds("adapt").then(|| {
        quote! {
            #[doc = #adapt_doc]
            pub mod adapt {
                #( #handles )*
            }
        }
    });
    let interface = adaptive.adds("interface").then(|| {
        quote! {
            /// What this module offers now: every function with its signature, doc, and
            /// whether it is provided, replaced or overridden (`#[modsmith::adaptive]`).
            pub fn interface() -> #private::Interface {
                #private::interface(&__MODSMITH_MANIFEST)
            }
        }
    });
    let supports = adaptive.adds("supports").then(|| {
        quote! {
            /// Whether this module has a function of that name that can be called now: an
            /// optional one only once provided (`#[modsmith::adaptive]`).
            pub fn supports(__modsmith_name: &::core::primitive::str) -> ::core::primitive::bool {
                #private::supports(&__MODSMITH_MANIFEST, __modsmith_name)
            }
        }
    });
    quote! {
        #adapt
        #interface
        #supports

        #[allow(dead_code)]
        static __MODSMITH_MANIFEST: #private::Manifest = #private::Manifest {
            module: #module,
            version: #version,
            doc: #doc,
            functions: &[ #( #entries ),* ],
        };
    }
}

/// The visibility, written in `adapt`, of an item as visible as one of the module with
/// `vis`: one level further from the module's parent.
fn child_visibility(vis: &Visibility) -> TokenStream {
    match vis {
        Visibility::Public(_) => quote!(pub),
        Visibility::Inherited => quote!(pub(super)),
        Visibility::Restricted(restricted) => {
            let path = &restricted.path;
            let first = path
                .segments
                .first()
                .map(|segment| segment.ident.to_string());
            match first.as_deref() {
                Some("crate") | None => quote!(#vis),
                _ if path.leading_colon.is_some() => quote!(#vis),
                Some("self") => {
                    let rest = path.segments.iter().skip(1);
                    quote!(pub(in super #( ::#rest )*))
                }
                Some(_) => quote!(pub(in super::#path)),
            }
        }
    }
}
