//! Checked model → tokens. Reports no user errors: everything here was checked before.
//!
//! The generated code stays thin: validation rules, messages and the builder's type states
//! live in `modsmith-runtime`; each generated item is a short call into it.

use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, Ident, Index, Lit};

use super::validate::{DataField, DataStruct, DefaultValue, Getter, Presence, Rule};
use crate::common::source_text::source_text;
use crate::common::type_shape::TypeShape;

pub fn expand(model: &DataStruct) -> TokenStream {
    let generator = Generator::new(model);
    let builder_struct = generator.builder_struct();
    let fields_module = generator.fields_module();
    let inherent_impl = generator.inherent_impl();
    let data_impl = generator.data_impl();
    let builder_impl = generator.builder_impl();
    quote! {
        #builder_struct
        const _: () = {
            #fields_module
            #inherent_impl
            #data_impl
            #builder_impl
        };
    }
}

/// Names and pieces shared by the generated items of one struct.
struct Generator<'m, 'a> {
    model: &'m DataStruct<'a>,
    private: TokenStream,
    builder: Ident,
    /// The module of per-field "not yet set" marker types.
    fields_module: Ident,
    /// One type-state parameter per required field, in field order.
    states: Vec<(usize, Ident)>,
    /// The user's generic arguments, as they appear in a type path (`'a, T, N`).
    user_args: Vec<TokenStream>,
    /// Locals and parameters of generated code; mixed-site so they never capture user names.
    value: Ident,
    values: Ident,
    errors: Ident,
    /// The "# Errors" section of every validating item's doc, linking through the crate path
    /// the user gave so the link resolves where the code is.
    errors_doc: String,
}

impl<'m, 'a> Generator<'m, 'a> {
    fn new(model: &'m DataStruct<'a>) -> Self {
        let krate = &model.krate;
        let name = &model.input.ident;
        let user_params: Vec<String> = model
            .input
            .generics
            .params
            .iter()
            .map(|param| match param {
                GenericParam::Type(param) => param.ident.to_string(),
                GenericParam::Const(param) => param.ident.to_string(),
                GenericParam::Lifetime(param) => param.lifetime.to_string(),
            })
            .collect();
        let states = model
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| matches!(field.presence, Presence::Required))
            .map(|(index, field)| {
                // Type parameters are not hygienic, and would shadow a user type of the same
                // name (a field `colour: Colour`), hence the prefix; a user parameter of the
                // same name would be a duplicate, hence the loop.
                let mut state = format!(
                    "__{}",
                    field.ident.unraw().to_string().to_upper_camel_case()
                );
                while user_params.contains(&state) {
                    state.push('_');
                }
                (index, Ident::new(&state, Span::mixed_site()))
            })
            .collect();
        let user_args = model
            .input
            .generics
            .params
            .iter()
            .map(|param| match param {
                GenericParam::Type(param) => {
                    let ident = &param.ident;
                    quote!(#ident)
                }
                GenericParam::Const(param) => {
                    let ident = &param.ident;
                    quote!(#ident)
                }
                GenericParam::Lifetime(param) => {
                    let lifetime = &param.lifetime;
                    quote!(#lifetime)
                }
            })
            .collect();
        Generator {
            model,
            private: quote!(#krate::__private),
            builder: format_ident!("{}Builder", name.unraw(), span = name.span()),
            fields_module: Ident::new("__modsmith_required_fields", Span::mixed_site()),
            states,
            user_args,
            value: Ident::new("value", Span::mixed_site()),
            values: Ident::new("values", Span::mixed_site()),
            errors: Ident::new("errors", Span::mixed_site()),
            errors_doc: format!(
                "\n\n# Errors\n\nReturns every failed validation at once, each naming its field, \
                 as a [`ValidationErrors`]({}::ValidationErrors).",
                source_text(quote!(#krate))
            ),
        }
    }

    fn is_validated(&self) -> bool {
        self.model.struct_check.is_some()
            || self
                .model
                .fields
                .iter()
                .any(|field| !field.validators.is_empty())
    }

    /// `Result<T, ValidationErrors>` when any validation applies, `T` otherwise.
    fn validated_type(&self, ty: TokenStream) -> TokenStream {
        let private = &self.private;
        if self.is_validated() {
            quote!(::core::result::Result<#ty, #private::ValidationErrors>)
        } else {
            ty
        }
    }

    /// Ends a constructor: validates the freshly built `value` when anything needs it.
    fn finish_value(&self) -> TokenStream {
        let (private, value) = (&self.private, &self.value);
        if self.is_validated() {
            quote!(#private::validated(#value))
        } else {
            quote!(#value)
        }
    }

    fn builder_struct(&self) -> TokenStream {
        let name = &self.model.input.ident;
        let vis = &self.model.input.vis;
        let builder = &self.builder;
        let generics = self.builder_generics();
        let where_clause = &generics.where_clause;
        let value_types = self.model.fields.iter().map(|field| field.ty);
        let states = self.states.iter().map(|(_, state)| state);
        let required: Vec<String> = self
            .required_fields()
            .map(|field| format!("`{}`", field.ident.unraw()))
            .collect();
        let doc = format!(
            "Builds a [`{name}`] one field at a time; made by [`{name}::builder`].\n\n\
             Required fields: {}. Calling `build()` before each is set is a compile error \
             that names the missing field.",
            if required.is_empty() {
                "none".to_owned()
            } else {
                required.join(", ")
            }
        );
        let values = &self.values;
        quote! {
            #[doc = #doc]
            #[must_use = "a builder does nothing until `.build()` is called"]
            #[allow(dead_code)]
            #vis struct #builder #generics #where_clause {
                #values: ( #( ::core::option::Option<#value_types>, )* ),
                __state: ::core::marker::PhantomData<fn() -> ( #( #states, )* )>,
            }
        }
    }

    /// The struct's generics, without defaults (the builder's own parameters follow them),
    /// plus one type state per required field.
    fn builder_generics(&self) -> Generics {
        let mut generics = self.model.input.generics.clone();
        for param in &mut generics.params {
            match param {
                GenericParam::Type(param) => {
                    param.default = None;
                }
                GenericParam::Const(param) => {
                    param.default = None;
                }
                GenericParam::Lifetime(_) => {}
            }
        }
        for (_, state) in &self.states {
            generics.params.push(syn::parse_quote!(#state));
        }
        generics
    }

    fn required_fields(&self) -> impl Iterator<Item = &DataField<'a>> {
        self.states
            .iter()
            .filter_map(|(index, _)| self.model.fields.get(*index))
    }

    fn fields_module(&self) -> TokenStream {
        if self.states.is_empty() {
            return TokenStream::new();
        }
        let module = &self.fields_module;
        let private = &self.private;
        let markers: Vec<&Ident> = self.required_fields().map(|field| field.ident).collect();
        quote! {
            #[allow(non_camel_case_types)]
            mod #module {
                #( pub struct #markers; )*
            }
            #( impl #private::IsUnset for #module::#markers {} )*
        }
    }

    fn inherent_impl(&self) -> TokenStream {
        let input = self.model.input;
        let name = &input.ident;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let new = self.new_fn();
        let builder_fn = self.builder_fn();
        let getters = self.model.fields.iter().map(|field| self.getter(field));
        let setters = self.model.fields.iter().map(|field| self.setters(field));
        quote! {
            #[automatically_derived]
            // `|value| check(value)` lets deref coercion apply (`fn(&str)` on a `String`
            // field), which clippy cannot see through the expansion.
            #[allow(dead_code, clippy::redundant_closure)]
            impl #impl_generics #name #ty_generics #where_clause {
                #new
                #builder_fn
                #( #getters )*
                #( #setters )*
            }
        }
    }

    fn new_fn(&self) -> TokenStream {
        let vis = &self.model.input.vis;
        let name = &self.model.input.ident;
        let value = &self.value;
        let params = self.required_fields().map(|field| {
            let ident = field.ident;
            let ty = param_type(field);
            quote!(#ident: #ty)
        });
        let inits = self.model.fields.iter().map(|field| {
            let ident = field.ident;
            match &field.presence {
                Presence::Required if field.into => {
                    quote!(#ident: ::core::convert::Into::into(#ident))
                }
                Presence::Required => quote!(#ident),
                Presence::Optional(DefaultValue::Trait) => {
                    quote!(#ident: ::core::default::Default::default())
                }
                Presence::Optional(DefaultValue::Expr(expr)) => {
                    let expr = default_expr(expr);
                    quote!(#ident: #expr)
                }
            }
        });
        let required: Vec<String> = self
            .required_fields()
            .map(|field| format!("`{}`", field.ident.unraw()))
            .collect();
        let optional: Vec<String> = self
            .model
            .fields
            .iter()
            .filter(|field| !matches!(field.presence, Presence::Required))
            .map(|field| format!("`{}` = `{}`", field.ident.unraw(), default_text(field)))
            .collect();
        let mut doc = format!("Creates a [`{name}`] from its required fields");
        if required.is_empty() {
            doc.push('.');
        } else {
            doc.push_str(&format!(", in declaration order: {}.", required.join(", ")));
        }
        if !optional.is_empty() {
            doc.push_str(&format!(
                "\n\nOptional fields take their defaults: {}. Use [`{name}::builder`] to set them.",
                optional.join(", ")
            ));
        }
        if self.is_validated() {
            doc.push_str(&self.errors_doc);
        }
        let ret = self.validated_type(quote!(Self));
        let finish = self.finish_value();
        quote! {
            #[doc = #doc]
            #[inline]
            #[allow(clippy::too_many_arguments)]
            #vis fn new( #( #params ),* ) -> #ret {
                let #value = Self { #( #inits ),* };
                #finish
            }
        }
    }

    fn builder_fn(&self) -> TokenStream {
        let vis = &self.model.input.vis;
        let builder = &self.builder;
        let user_args = &self.user_args;
        let module = &self.fields_module;
        let markers = self.required_fields().map(|field| field.ident);
        let nones = self
            .model
            .fields
            .iter()
            .map(|_| quote!(::core::option::Option::None));
        let values = &self.values;
        let name = &self.model.input.ident;
        let doc = format!(
            "Starts a [`{builder}`]: set the required fields (each once) and any optional ones, \
             then call `.build()` to get the [`{name}`]."
        );
        quote! {
            #[doc = #doc]
            #[inline]
            #vis fn builder() -> #builder< #( #user_args, )* #( #module::#markers, )* > {
                #builder {
                    #values: ( #( #nones, )* ),
                    __state: ::core::marker::PhantomData,
                }
            }
        }
    }

    fn getter(&self, field: &DataField) -> TokenStream {
        let Some(getter) = &field.getter else {
            return TokenStream::new();
        };
        let vis = &self.model.input.vis;
        let ident = field.ident;
        let ty = field.ty;
        let (ret, body) = match getter {
            Getter::Copied => (quote!(#ty), quote!(self.#ident)),
            Getter::Deref(target) => (
                quote!(&#target),
                quote!(::core::ops::Deref::deref(&self.#ident)),
            ),
            Getter::OptionDeref(target) => (
                quote!(::core::option::Option<&#target>),
                quote!(::core::option::Option::as_deref(&self.#ident)),
            ),
            Getter::OptionRef(inner) => (
                quote!(::core::option::Option<&#inner>),
                quote!(::core::option::Option::as_ref(&self.#ident)),
            ),
            Getter::Ref => (quote!(&#ty), quote!(&self.#ident)),
        };
        let doc = with_field_doc(format!("Returns `{}`.", ident.unraw()), field);
        quote! {
            #[doc = #doc]
            #[inline]
            #vis fn #ident(&self) -> #ret {
                #body
            }
        }
    }

    fn setters(&self, field: &DataField) -> TokenStream {
        if !field.setters {
            return TokenStream::new();
        }
        let vis = &self.model.input.vis;
        let private = &self.private;
        let (value, errors) = (&self.value, &self.errors);
        let ident = field.ident;
        let field_name = ident.unraw();
        let set = format_ident!("set_{}", field_name, span = ident.span());
        let with = format_ident!("with_{}", field_name, span = ident.span());
        let param = param_type(field);
        let convert = field.into.then(|| {
            let ty = field.ty;
            quote!(let #value: #ty = ::core::convert::Into::into(#value);)
        });
        if field.validators.is_empty() {
            let set_doc = with_field_doc(format!("Sets `{field_name}`."), field);
            let with_doc =
                with_field_doc(format!("Returns `self` with `{field_name}` set."), field);
            return quote! {
                #[doc = #set_doc]
                #[inline]
                #vis fn #set(&mut self, #value: #param) {
                    #convert
                    self.#ident = #value;
                }
                #[doc = #with_doc]
                #[inline]
                #vis fn #with(mut self, #value: #param) -> Self {
                    #convert
                    self.#ident = #value;
                    self
                }
            };
        }
        let checks = self.checks(field, &quote!(#value));
        let set_doc = with_field_doc(
            format!(
                "Sets `{field_name}` if the new value passes the field's validators; on failure \
                 the field keeps its old value.{}",
                self.errors_doc
            ),
            field,
        );
        let with_doc = with_field_doc(
            format!(
                "Returns `self` with `{field_name}` set, if the new value passes the field's \
                 validators.{}",
                self.errors_doc
            ),
            field,
        );
        quote! {
            #[doc = #set_doc]
            #[inline]
            #vis fn #set(&mut self, #value: #param) -> ::core::result::Result<(), #private::ValidationErrors> {
                #convert
                let mut #errors = #private::ValidationErrors::new();
                #checks
                #private::ValidationErrors::into_result(#errors)?;
                self.#ident = #value;
                ::core::result::Result::Ok(())
            }
            #[doc = #with_doc]
            #[inline]
            #vis fn #with(mut self, #value: #param) -> ::core::result::Result<Self, #private::ValidationErrors> {
                Self::#set(&mut self, #value)?;
                ::core::result::Result::Ok(self)
            }
        }
    }

    /// The validator calls of one field; `place` is an expression of the field's type.
    fn checks(&self, field: &DataField, place: &TokenStream) -> TokenStream {
        let private = &self.private;
        let errors = &self.errors;
        let name = field.ident.unraw().to_string();
        let checked = match field.shape {
            TypeShape::Option(_) => {
                quote!(::core::option::Option::as_ref(&#place))
            }
            _ => quote!(::core::option::Option::Some(&#place)),
        };
        let calls = field.validators.iter().map(|validator| {
            let span = validator.span;
            match &validator.rule {
                Rule::Range { min, max } => {
                    let (min, max) = (optional_expr(min.as_ref()), optional_expr(max.as_ref()));
                    quote_spanned!(span=> #private::range(&mut #errors, #name, #checked, #min, #max);)
                }
                Rule::Length { min, max } => {
                    let (min, max) = (optional_expr(min.as_ref()), optional_expr(max.as_ref()));
                    quote_spanned!(span=> #private::length(&mut #errors, #name, #checked, #min, #max);)
                }
                Rule::NonEmpty => {
                    quote_spanned!(span=> #private::non_empty(&mut #errors, #name, #checked);)
                }
                Rule::Custom(path) => {
                    // Located at the user's path so a signature mismatch points there.
                    let argument = Ident::new("field_value", Span::mixed_site().located_at(span));
                    quote_spanned!(span=> #private::custom(&mut #errors, #name, #checked, |#argument| #path(#argument));)
                }
            }
        });
        quote!( #( #calls )* )
    }

    fn data_impl(&self) -> TokenStream {
        let input = self.model.input;
        let name = &input.ident;
        let name_text = name.unraw().to_string();
        let private = &self.private;
        let errors = &self.errors;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let infos = self.model.fields.iter().map(|field| {
            let field_name = field.ident.unraw().to_string();
            let ty = field.ty;
            let ty_text = source_text(quote!(#ty));
            let doc = &field.doc;
            let default = match &field.presence {
                Presence::Required => quote!(::core::option::Option::None),
                Presence::Optional(_) => {
                    let text = default_text(field);
                    quote!(::core::option::Option::Some(#text))
                }
            };
            // A struct literal, not a `const fn` call: every call is a body for rustc to check,
            // and this const is compiled by every user of the derive.
            quote!(#private::FieldInfo {
                __name: #field_name,
                __ty: #ty_text,
                __doc: #doc,
                __default: #default,
            })
        });
        let validate = self.is_validated().then(|| {
            let checks = self.model.fields.iter().map(|field| {
                let ident = field.ident;
                self.checks(field, &quote!(self.#ident))
            });
            let struct_check = self
                .model
                .struct_check
                .as_ref()
                .map(|path| quote!(#private::struct_check(&mut #errors, #path(self));));
            quote! {
                fn validate(&self) -> ::core::result::Result<(), #private::ValidationErrors> {
                    let mut #errors = #private::ValidationErrors::new();
                    #( #checks )*
                    #struct_check
                    #private::ValidationErrors::into_result(#errors)
                }
            }
        });
        quote! {
            #[automatically_derived]
            #[allow(clippy::redundant_closure)]
            impl #impl_generics #private::Data for #name #ty_generics #where_clause {
                const INFO: #private::DataInfo = #private::DataInfo::new(#name_text, &[ #( #infos ),* ]);
                #validate
            }
        }
    }

    fn builder_impl(&self) -> TokenStream {
        let name = &self.model.input.ident;
        let builder = &self.builder;
        let private = &self.private;
        let (value, values) = (&self.value, &self.values);
        let generics = self.builder_generics();
        let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
        let vis = &self.model.input.vis;
        let setters = self.model.fields.iter().enumerate().map(|(index, field)| {
            let ident = field.ident;
            let field_name = ident.unraw();
            let slot = Index::from(index);
            let param = builder_param_type(field);
            let stored = if field.into {
                quote!(::core::convert::Into::into(#value))
            } else {
                quote!(#value)
            };
            if let Some((_, state)) = self.states.iter().find(|(state_index, _)| *state_index == index) {
                let next_args = self.states.iter().map(|(other_index, other)| {
                    if *other_index == index {
                        quote!(#private::Set)
                    } else {
                        quote!(#other)
                    }
                });
                let user_args = &self.user_args;
                let doc = with_field_doc(format!("Sets the required field `{field_name}` (once)."), field);
                return quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #ident(self, #value: #param) -> #builder< #( #user_args, )* #( #next_args, )* >
                    where
                        #state: #private::IsUnset,
                    {
                        let mut #values = self.#values;
                        #values.#slot = ::core::option::Option::Some(#stored);
                        #builder {
                            #values,
                            __state: ::core::marker::PhantomData,
                        }
                    }
                };
            }
            if matches!(field.shape, TypeShape::Option(_)) && !field.into {
                // One setter takes both `value` and `Some(value)`/`None`: `Option<T>`
                // implements `From<T>`. (A `maybe_` twin would double the methods to check.)
                let ty = field.ty;
                let doc = with_field_doc(
                    format!("Sets `{field_name}`: pass a value, `Some(value)` or `None`."),
                    field,
                );
                return quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #ident(mut self, #value: impl ::core::convert::Into<#ty>) -> Self {
                        self.#values.#slot = ::core::option::Option::Some(::core::convert::Into::into(#value));
                        self
                    }
                };
            }
            if matches!(field.shape, TypeShape::Option(_)) {
                let doc = with_field_doc(format!("Sets `{field_name}` to `Some(value)`."), field);
                return quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #ident(mut self, #value: #param) -> Self {
                        self.#values.#slot = ::core::option::Option::Some(::core::option::Option::Some(#stored));
                        self
                    }
                };
            }
            let doc = with_field_doc(
                format!("Sets `{field_name}`; when not called, it is `{}`.", default_text(field)),
                field,
            );
            quote! {
                #[doc = #doc]
                #[inline]
                #vis fn #ident(mut self, #value: #param) -> Self {
                    self.#values.#slot = ::core::option::Option::Some(#stored);
                    self
                }
            }
        });
        let inits = self.model.fields.iter().enumerate().map(|(index, field)| {
            let ident = field.ident;
            let slot = Index::from(index);
            let taken = quote!(#values.#slot);
            match &field.presence {
                Presence::Required => quote!(#ident: #private::required(#taken)),
                Presence::Optional(DefaultValue::Trait) => {
                    quote!(#ident: ::core::option::Option::unwrap_or_default(#taken))
                }
                Presence::Optional(DefaultValue::Expr(expr)) => {
                    let expr = default_expr(expr);
                    quote!(#ident: ::core::option::Option::unwrap_or_else(#taken, || #expr))
                }
            }
        });
        let set_bounds = self
            .states
            .iter()
            .map(|(_, state)| quote!(#state: #private::IsSet));
        let mut build_doc =
            format!("Builds the [`{name}`]; optional fields not set take their defaults.");
        if self.is_validated() {
            build_doc.push_str(&self.errors_doc);
        }
        let user_args = &self.user_args;
        let ret = self.validated_type(quote!(#name< #( #user_args, )* >));
        let finish = self.finish_value();
        quote! {
            #[automatically_derived]
            #[allow(dead_code)]
            impl #impl_generics #builder #ty_generics #where_clause {
                #( #setters )*

                #[doc = #build_doc]
                #[inline]
                #vis fn build(self) -> #ret
                where
                    #( #set_bounds, )*
                {
                    let #values = self.#values;
                    let #value = #name { #( #inits ),* };
                    #finish
                }
            }
        }
    }
}

/// The parameter type of `new` and the `set_*`/`with_*` setters.
fn param_type(field: &DataField) -> TokenStream {
    let ty = field.ty;
    if field.into {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        quote!(#ty)
    }
}

/// The parameter type of a builder setter: the inner type for an optional `Option` field.
fn builder_param_type(field: &DataField) -> TokenStream {
    let ty = match (&field.presence, field.shape) {
        (Presence::Optional(_), TypeShape::Option(inner)) => inner,
        _ => field.ty,
    };
    if field.into {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        quote!(#ty)
    }
}

fn default_expr(expr: &syn::Expr) -> TokenStream {
    match expr {
        syn::Expr::Lit(literal) if matches!(literal.lit, Lit::Str(_)) => {
            quote!(::core::convert::Into::into(#expr))
        }
        _ => quote!(#expr),
    }
}

fn default_text(field: &DataField) -> String {
    match &field.presence {
        Presence::Required => String::new(),
        Presence::Optional(DefaultValue::Expr(expr)) => source_text(quote!(#expr)),
        Presence::Optional(DefaultValue::Trait) => {
            if matches!(field.shape, TypeShape::Option(_)) {
                "None".to_owned()
            } else {
                "Default::default()".to_owned()
            }
        }
    }
}

fn optional_expr(expr: Option<&syn::Expr>) -> TokenStream {
    match expr {
        Some(expr) => quote!(::core::option::Option::Some(#expr)),
        None => quote!(::core::option::Option::None),
    }
}

fn with_field_doc(summary: String, field: &DataField) -> String {
    if field.doc.is_empty() {
        summary
    } else {
        format!("{summary}\n\n{}", field.doc)
    }
}
