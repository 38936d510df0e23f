//! Checked model → tokens: the `Model` impl. Thin: each method is a `match` of field names
//! or a sequence of calls into the runtime's `model::support`, generic only over the field
//! types, so that a model adds little to its crate's build.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::validate::CheckedModel;
use crate::common::respan::located_at;

pub fn generate(model: &CheckedModel) -> TokenStream {
    if !model.generate {
        return TokenStream::new();
    }
    let krate = &model.krate;
    let support = quote!(#krate::__private::model);
    let ident = &model.input.ident;
    let name = &model.name;
    // A constant in scope wins over a new binding of its name in a pattern (a `let`, a
    // parameter), even a `mixed_site` one: the bindings have names no user writes.
    let [
        field_name,
        value,
        values,
        shape,
        problems,
        old,
        built_model,
        errors,
        before,
        result,
        new_value,
    ] = [
        "__modsmith_field",
        "__modsmith_value",
        "__modsmith_values",
        "__modsmith_shape",
        "__modsmith_problems",
        "__modsmith_old_value",
        "__modsmith_model",
        "__modsmith_errors",
        "__modsmith_before",
        "__modsmith_result",
        "__modsmith_new_value",
    ]
    .map(|name| syn::Ident::new(name, Span::mixed_site()));
    let shapes = model.fields.iter().map(|field| {
        let (name, ty, doc) = (&field.name, &field.ty_text, &field.doc);
        quote!(#support::FieldShape::new(#name, #ty, #doc))
    });
    let meta = model.meta.iter().map(|(key, value)| quote!((#key, #value)));
    // Each field type named where it is declared, in a constant (checked, never compiled to
    // code): one without the conversions is reported at the field.
    let conversions = model.fields.iter().map(|field| {
        let ty = field.ty;
        // The runtime's path too, or a path of mixed locations is reported at the derive.
        let support = located_at(&support, ty.span());
        quote_spanned!(ty.span()=> let _: ::core::option::Option<#support::Field<#ty>> = ::core::option::Option::None;)
    });
    // The calls that need a field's conversions are located at its type too, so that a type
    // without them is reported there, once, rather than at the derive for each use.
    let at_field = |field: &super::validate::ModelField| located_at(&support, field.ty.span());
    let gets = model.fields.iter().map(|field| {
        let (name, member) = (&field.name, field.ident);
        let support = at_field(field);
        quote!(#name => #support::get(&self.#member))
    });
    let refs = model.fields.iter().map(|field| {
        let (name, member) = (&field.name, field.ident);
        quote!(#name => ::core::option::Option::Some(&self.#member))
    });
    let validate = quote!(<Self as #krate::__private::data::Data>::validate);
    let sets = model.fields.iter().enumerate().map(|(index, field)| {
        let (name, member) = (&field.name, field.ident);
        let convert_path = at_field(field);
        let convert =
            quote!(#convert_path::convert(&#value, &<Self as #support::Model>::SHAPE, #index)?);
        if model.validated {
            quote!(#name => {
                let #old = ::core::mem::replace(&mut self.#member, #convert);
                match #validate(self) {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(()),
                    ::core::result::Result::Err(#errors) => {
                        self.#member = #old;
                        ::core::result::Result::Err(#support::SetError::Invalid(#errors))
                    }
                }
            })
        } else {
            quote!(#name => {
                self.#member = #convert;
                ::core::result::Result::Ok(())
            })
        }
    });
    let bindings: Vec<syn::Ident> = (0..model.fields.len())
        .map(|index| format_ident!("__modsmith_field_{}", index, span = Span::mixed_site()))
        .collect();
    let takes = model.fields.iter().enumerate().map(|(index, field)| {
        let ty = field.ty;
        let binding = &bindings[index];
        let take = at_field(field);
        match &field.default {
            Some(default) => quote! {
                let #binding = #take::take_or_else::<#ty>(#values, #shape, #index, &mut #problems, || #default);
            },
            None => quote! {
                let #binding = #take::take::<#ty>(#values, #shape, #index, &mut #problems);
            },
        }
    });
    let members = model.fields.iter().map(|field| field.ident);
    let skipped = &model.skipped;
    let mut built = if model.validated {
        quote!(#support::validated(#shape, #built_model, #validate))
    } else {
        quote!(::core::result::Result::Ok(#built_model))
    };
    if model.on_create.is_some() {
        built = quote!(#support::created_ok(#built));
    }
    let set_body = match &model.on_change {
        Some(_) => quote! {
            let #before = #support::before_change(self, #field_name);
            let #result: ::core::result::Result<(), #support::SetError> = match #field_name {
                #( #sets )*
                _ => ::core::result::Result::Err(#support::unknown_field(&<Self as #support::Model>::SHAPE, #field_name)),
            };
            #support::after_change(self, #field_name, #before, #result.is_ok());
            #result
        },
        None => quote! {
            match #field_name {
                #( #sets )*
                _ => ::core::result::Result::Err(#support::unknown_field(&<Self as #support::Model>::SHAPE, #field_name)),
            }
        },
    };
    // The hooks, as `fn` pointers of the signature expected, at the user's path: a function
    // of another signature is reported there, and rustc's message shows both signatures.
    let hook = syn::Ident::new("__modsmith_hook", Span::mixed_site());
    let on_create = model.on_create.as_ref().map(|path| {
        let typed = quote_spanned!(path.span()=> let #hook: fn(&Self) = #path;);
        quote! {
            fn on_create(&self) {
                #typed
                #hook(self)
            }
        }
    });
    let on_change = model.on_change.as_ref().map(|path| {
        let value = quote!(#support::Value);
        let typed =
            quote_spanned!(path.span()=> let #hook: fn(&Self, &str, &#value, &#value) = #path;);
        quote! {
            fn on_change(&self, #field_name: &str, #old: &#value, #new_value: &#value) {
                #typed
                #hook(self, #field_name, #old, #new_value)
            }
        }
    });
    let registration = registration(model);
    // With no field to read, the one pattern matches and a catch-all arm would be unreachable.
    let unreadable = (!model.fields.is_empty())
        .then(|| quote!(_ => ::core::result::Result::Err(#support::unreadable(#shape)),));
    quote! {
        #[automatically_derived]
        impl #support::Model for #ident {
            const SHAPE: #support::Shape = #support::Shape::new(
                #name,
                &[ #( #shapes ),* ],
                &[ #( #meta ),* ],
            );

            fn get(&self, #field_name: &str) -> ::core::option::Option<#support::Value> {
                const _: () = { #( #conversions )* };
                match #field_name {
                    #( #gets, )*
                    _ => ::core::option::Option::None,
                }
            }

            fn field_ref(&self, #field_name: &str) -> ::core::option::Option<&dyn ::core::any::Any> {
                match #field_name {
                    #( #refs, )*
                    _ => ::core::option::Option::None,
                }
            }

            fn set(
                &mut self,
                #field_name: &str,
                #value: #support::Value,
            ) -> ::core::result::Result<(), #support::SetError> {
                #set_body
            }

            fn from_values(
                #values: &#support::Values,
            ) -> ::core::result::Result<Self, #support::ValuesError> {
                #[allow(unused_imports)]
                use ::core::option::Option as __modsmith_Option;
                let #shape = &<Self as #support::Model>::SHAPE;
                let mut #problems = #support::problems();
                #( #takes )*
                #support::unknown(#values, #shape, &mut #problems);
                #support::finish(#shape, #problems)?;
                match ( #( #bindings, )* ) {
                    ( #( ::core::option::Option::Some(#bindings), )* ) => {
                        let #built_model = Self {
                            #( #members: #bindings, )*
                            #( #skipped: ::core::default::Default::default(), )*
                        };
                        #built
                    }
                    #unreadable
                }
            }

            #on_create
            #on_change
        }

        #registration
    }
}

/// The model's entry in the registry and, for each `kind = dyn Trait`, a factory giving it as
/// that kind. The coercion to the kind is located at the kind as written, so that a type
/// that does not implement the trait is reported at the attribute.
fn registration(model: &CheckedModel) -> TokenStream {
    let krate = &model.krate;
    let registry = quote!(#krate::__private::registry);
    let support = quote!(#krate::__private::model);
    let ident = &model.input.ident;
    // Call-site names, like the respanned coercion that reads `built`: mixed-site ones would
    // not be seen from it. The prefix keeps them apart from user constants.
    let values = syn::Ident::new("__modsmith_values", Span::call_site());
    let built = syn::Ident::new("__modsmith_model", Span::call_site());
    let (factories, kinds): (Vec<TokenStream>, Vec<TokenStream>) = model
        .kinds
        .iter()
        .enumerate()
        .map(|(index, kind)| {
            let factory = format_ident!("__modsmith_as_kind_{}", index);
            let coerced = located_at(
                &quote!(#registry::as_kind::<#kind>(#registry::boxed(#built))),
                kind.span(),
            );
            let factory_fn = quote! {
                // Unused where the target has no registry.
                #[allow(dead_code)]
                fn #factory(
                    #values: &#support::Values,
                ) -> ::core::result::Result<#registry::AnyKind, #support::ValuesError> {
                    let #built = <#ident as #support::Model>::from_values(#values)?;
                    ::core::result::Result::Ok(#coerced)
                }
            };
            (factory_fn, quote!(, #kind => #factory))
        })
        .unzip();
    quote! {
        const _: () = {
            #( #factories )*
            #registry::register!(#ident #( #kinds )*);
        };
    }
}
