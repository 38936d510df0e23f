//! Checked model → tokens. Reports no user errors: everything here was checked before.
//!
//! The generated code stays thin: validation rules, messages and the builder's type states
//! live in `modsmith-runtime`; each generated item is a short call into it. rustc's cost for
//! this code is mostly a fixed amount per function body (see `benches/RESULTS.md`), so no
//! function is generated that the user did not ask for.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Expr, GenericParam, Generics, Ident, Index, Lit, Type};

use super::validate::{CheckedStruct, DataField, DefaultValue, Getter, Presence, Rule};
use crate::common::respan::{located_at_if_meaning_kept, mixed_site_ident, replace_self};
use crate::common::source_text::source_text;
use crate::common::type_shape::TypeShape;

pub fn generate(model: &CheckedStruct) -> TokenStream {
    let generator = Generator::new(model);
    let inherent_impl = generator.inherent_impl();
    let data_impl = generator.data_impl();
    let deserialize_impl = super::deserialize::generate(model);
    let (builder_struct, fields_module, marker_impls, builder_impl, builder_traits) =
        if model.emit_builder {
            (
                generator.builder_struct(),
                generator.fields_module(),
                generator.marker_impls(),
                generator.builder_impl(),
                generator.builder_traits(),
            )
        } else {
            Default::default()
        };
    let aliases = generator.aliases();
    quote! {
        #builder_struct
        #fields_module
        const _: () = {
            #aliases
            #marker_impls
            #inherent_impl
            #data_impl
            #builder_impl
            #builder_traits
            #deserialize_impl
        };
    }
}

/// One argument of a required setter's return type: the field's state parameter, unchanged,
/// or `Set` for the field being set. Appended token by token: a token stream per argument
/// would cross the proc-macro bridge once each.
struct StateArgument<'g> {
    param: &'g Ident,
    /// The runtime's alias, when this is the field being set.
    set: Option<&'g Ident>,
}

impl ToTokens for StateArgument<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self.set {
            Some(private) => {
                private.to_tokens(tokens);
                let path_separator = [Spacing::Joint, Spacing::Alone]
                    .map(|spacing| TokenTree::Punct(Punct::new(':', spacing)));
                tokens.extend(path_separator);
                tokens.append(Ident::new("Set", Span::call_site()));
            }
            None => self.param.to_tokens(tokens),
        }
    }
}

/// The type-state parameter of one required field.
struct State {
    /// The field's position in the struct (and in the builder's storage tuple).
    index: usize,
    param: Ident,
}

/// Names and pieces shared by the generated items of one struct.
struct Generator<'m, 'a> {
    model: &'m CheckedStruct<'a>,
    /// `__modsmith_data`: the runtime (`#krate::__private::data`), by its alias inside the
    /// `const _` block.
    private: Ident,
    /// The struct as a type: `User<'a, T>`; replaces `Self` in the builder's items.
    self_type: TokenStream,
    builder: Ident,
    /// The module of marker types named after the required fields.
    fields_module: Ident,
    states: Vec<State>,
    /// The user's generic arguments, as they appear in a type path (`'a, T, N`).
    user_args: Vec<TokenStream>,
    /// The fields' types with `Self` replaced by the struct's type, for the builder's items.
    builder_types: Vec<TokenStream>,
    /// The builder's last type parameter: its stored values (see `builder_struct`).
    values_param: Ident,
    /// The builder's own fields. Named, not hygienic (field names never are), hence the prefix.
    storage: Ident,
    state_marker: Ident,
    /// Locals and parameters of generated code: mixed-site, so they never capture a name
    /// used in the user's expressions.
    value: Ident,
    values: Ident,
    errors: Ident,
    /// The "# Errors" section of every validating item's doc, linking through the crate path
    /// the user gave so the link resolves where the code is.
    errors_doc: String,
}

impl<'m, 'a> Generator<'m, 'a> {
    fn new(model: &'m CheckedStruct<'a>) -> Self {
        let krate = &model.krate;
        let name = &model.input.ident;
        let params = &model.input.generics.params;
        let user_args: Vec<TokenStream> = params
            .iter()
            .map(|param| match param {
                GenericParam::Type(param) => param.ident.to_token_stream(),
                GenericParam::Const(param) => param.ident.to_token_stream(),
                GenericParam::Lifetime(param) => param.lifetime.to_token_stream(),
            })
            .collect();
        // Type parameters are not hygienic and would shadow a user type of the same name (a
        // field `colour: Colour`), hence the prefix; the set keeps them distinct from the
        // user's parameters and from each other (`line1` and `line_1` both give `Line1`).
        let mut taken: BTreeSet<String> = user_args.iter().map(ToString::to_string).collect();
        let states = model
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| matches!(field.presence, Presence::Required))
            .map(|(index, field)| {
                let mut param = format!(
                    "__{}",
                    field.ident.unraw().to_string().to_upper_camel_case()
                );
                while !taken.insert(param.clone()) {
                    param.push('_');
                }
                State {
                    index,
                    param: Ident::new(&param, Span::mixed_site()),
                }
            })
            .collect();
        let self_type = quote!(#name < #( #user_args ),* >);
        let builder_types = model
            .fields
            .iter()
            .map(|field| replace_self(field.ty.to_token_stream(), &self_type))
            .collect();
        let values_param = {
            let mut param = "__ModsmithValues".to_owned();
            while !taken.insert(param.clone()) {
                param.push('_');
            }
            Ident::new(&param, Span::call_site())
        };
        Generator {
            model,
            builder_types,
            values_param,
            // Inside the `const _` block, where `aliases` names it in one token: the path is
            // written hundreds of times per struct, and every token costs every build.
            // An identifier, not a token stream: interpolating a stream sends what was built so
            // far across the proc-macro bridge, and this is interpolated hundreds of times.
            private: Ident::new("__modsmith_data", Span::call_site()),
            self_type,
            builder: model
                .builder_name
                .clone()
                .unwrap_or_else(|| format_ident!("{}Builder", name.unraw(), span = name.span())),
            // rustc names a marker by its bare name when that is unique in the crate, and by
            // its path otherwise (`_::__user_fields::name`): the struct's name keeps that
            // path readable.
            fields_module: format_ident!(
                "__{}_fields",
                name.unraw().to_string().to_snake_case(),
                span = Span::mixed_site()
            ),
            states,
            user_args,
            storage: Ident::new("__modsmith_values", Span::call_site()),
            state_marker: Ident::new("__modsmith_state", Span::call_site()),
            value: Ident::new("__modsmith_value", Span::mixed_site()),
            values: Ident::new("__modsmith_taken_values", Span::mixed_site()),
            errors: Ident::new("__modsmith_errors", Span::mixed_site()),
            errors_doc: format!(
                "\n\n# Errors\n\nReturns every failed validation at once, each naming its field, \
                 as a [`ValidationErrors`]({}::ValidationErrors).",
                source_text(quote!(#krate))
            ),
        }
    }

    /// One-token names, inside the `const _` block, for the paths the generated items use
    /// most: written out, `::modsmith::__private::data` and `::core::option::Option` were a
    /// quarter of the tokens of a struct's expansion.
    fn aliases(&self) -> TokenStream {
        let krate = &self.model.krate;
        quote! {
            #[allow(unused_imports)]
            use #krate::__private::data as __modsmith_data;
            #[allow(unused_imports)]
            use ::core::option::Option as __modsmith_Option;
            #[allow(unused_imports)]
            use ::core::result::Result as __modsmith_Result;
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

    /// Ends a constructor: validates the freshly built `value` when anything needs it, then
    /// runs `Model`'s `on_create` when the struct has one.
    fn finish_value(&self) -> TokenStream {
        let (private, value) = (&self.private, &self.value);
        let on_create = self
            .model
            .hooks
            .as_ref()
            .is_some_and(|hooks| hooks.on_create);
        let krate = &self.model.krate;
        match (self.is_validated(), on_create) {
            (true, true) => {
                quote!(#krate::__private::model::created_ok(#private::validated(#value)))
            }
            (true, false) => quote!(#private::validated(#value)),
            (false, true) => quote!(#krate::__private::model::created(#value)),
            (false, false) => quote!(#value),
        }
    }

    /// `assign` (statements that change `field`, ending in `()` or, when `fallible`, in a
    /// `Result`) wrapped, when `Model` has an `on_change` hook and the field is in the model,
    /// in a block that reads the field's old value before and runs the hook after a change
    /// that succeeded; unchanged otherwise, so that a struct without the hook pays nothing.
    /// `receiver` is `self` or `&self`.
    fn with_change_hook(
        &self,
        field: &DataField,
        receiver: &TokenStream,
        assign: TokenStream,
        fallible: bool,
    ) -> TokenStream {
        let name = self
            .model
            .hooks
            .as_ref()
            .filter(|hooks| hooks.on_change)
            .and_then(|hooks| {
                hooks
                    .field_names
                    .iter()
                    .find(|(ident, _)| ident == field.ident)
            })
            .and_then(|(_, name)| name.as_ref());
        let Some(name) = name else {
            return assign;
        };
        let krate = &self.model.krate;
        let before = Ident::new("__modsmith_before", Span::mixed_site());
        let result = Ident::new("__modsmith_result", Span::mixed_site());
        let succeeded = if fallible {
            quote!(__modsmith_Result::is_ok(&#result))
        } else {
            quote!(true)
        };
        quote!({
            let #before = #krate::__private::model::before_change(#receiver, #name);
            let #result = { #assign };
            #krate::__private::model::after_change(#receiver, #name, #before, #succeeded);
            #result
        })
    }

    fn required_fields(&self) -> impl Iterator<Item = (&State, &DataField<'a>)> {
        self.states.iter().filter_map(|state| {
            self.model
                .fields
                .get(state.index)
                .map(|field| (state, field))
        })
    }

    /// "`name`, `password_hash`", or "none".
    fn required_list(&self) -> String {
        let names: Vec<String> = self
            .required_fields()
            .map(|(_, field)| format!("`{}`", field.ident.unraw()))
            .collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    }

    fn builder_struct(&self) -> TokenStream {
        let name = &self.model.input.ident;
        let vis = &self.model.input.vis;
        let builder = &self.builder;
        let mut generics = self.builder_generics();
        // Each state defaults to its field's marker: `UserBuilder` alone names the builder
        // `builder()` returns. The defaults are built, not parsed: `parse_quote!` here was a
        // tenth of the macro's time (`benches/RESULTS.md`).
        let module = &self.fields_module;
        let markers = self.required_fields().map(|(_, field)| field.ident);
        let states = generics.params.len() - self.states.len();
        for (param, marker) in generics.params.iter_mut().skip(states).zip(markers) {
            if let GenericParam::Type(param) = param {
                param.default =
                    Some((Default::default(), Type::Verbatim(quote!(#module::#marker))));
            }
        }
        // The stored values' type, a parameter defaulting to the tuple of `Option`s: `Clone` and
        // `Debug` then need a bound on a parameter only, which rustc checks cheaply (a
        // higher-ranked bound on the concrete tuple cost a third of an incremental rebuild).
        let value_types = &self.builder_types;
        let values_default =
            Type::Verbatim(quote!(( #( ::core::option::Option<#value_types>, )* )));
        let mut values = syn::TypeParam::from(self.values_param.clone());
        values.default = Some((Default::default(), values_default));
        generics.params.push(GenericParam::Type(values));
        let values = &self.values_param;
        let where_clause = &generics.where_clause;
        let states = self.states.iter().map(|state| &state.param);
        let (storage, state_marker) = (&self.storage, &self.state_marker);
        let self_type = &self.self_type;
        let doc = format!(
            "Builds a [`{name}`] one field at a time; made by [`{name}::builder`].\n\n\
             Required fields: {}. Calling `build()` before each is set is a compile error \
             that names the missing field. Each required field has a type parameter, which \
             becomes `Set` once its setter runs: `{builder}` alone names the builder \
             `builder()` returns.",
            self.required_list()
        );
        quote! {
            #[doc = #doc]
            #[must_use = "a builder does nothing until `.build()` is called"]
            #[allow(dead_code, private_interfaces)]
            #vis struct #builder #generics #where_clause {
                #storage: #values,
                // The struct's type too: its parameters are used only in the default above,
                // which does not count as a use.
                #state_marker: ::core::marker::PhantomData<fn() -> ( #( #states, )* #self_type )>,
            }
        }
    }

    /// The struct's generics without defaults (the builder's own parameters follow them),
    /// plus one type state per required field.
    fn builder_generics(&self) -> Generics {
        let mut generics = self.model.input.generics.clone();
        for param in &mut generics.params {
            match param {
                GenericParam::Type(param) => param.default = None,
                GenericParam::Const(param) => param.default = None,
                GenericParam::Lifetime(_) => {}
            }
        }
        for state in &self.states {
            // Built, not parsed: this runs for every derive.
            generics
                .params
                .push(GenericParam::Type(syn::TypeParam::from(
                    state.param.clone(),
                )));
        }
        generics
    }

    /// A field's type as written inside the builder's items (`Self` replaced), read once.
    fn builder_type(&self, index: usize) -> TokenStream {
        self.builder_types.get(index).cloned().unwrap_or_default()
    }

    /// A type or expression from the struct, as written inside the builder's items.
    fn in_builder(&self, tokens: impl quote::ToTokens) -> TokenStream {
        replace_self(tokens.to_token_stream(), &self.self_type)
    }

    /// Marker types named after the required fields: the builder's initial type states (and
    /// the defaults of its parameters), so that a compile error about a missing or repeated
    /// field names it. Next to the struct, not inside the `const _` block: the builder's
    /// defaults name them, and in another crate rustc prints a marker by its visible path
    /// (`__user_fields::name`), or by its name alone when that is unique, where a path
    /// through the anonymous block would read `_::__user_fields::name`.
    fn fields_module(&self) -> TokenStream {
        if self.states.is_empty() {
            return TokenStream::new();
        }
        let module = &self.fields_module;
        let vis = &self.model.input.vis;
        let markers = self.required_fields().map(|(_, field)| field.ident);
        quote! {
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #vis mod #module {
                #( pub struct #markers; )*
            }
        }
    }

    /// `IsUnset` for each marker: a required setter asks it of the field's state.
    fn marker_impls(&self) -> TokenStream {
        let module = &self.fields_module;
        let private = &self.private;
        let markers = self.required_fields().map(|(_, field)| field.ident);
        quote!( #( impl #private::IsUnset for #module::#markers {} )* )
    }

    fn inherent_impl(&self) -> TokenStream {
        let input = self.model.input;
        let name = &input.ident;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let new = self.new_fn();
        let builder_fn = self.model.emit_builder.then(|| self.builder_fn());
        let getters = self.model.fields.iter().map(|field| self.getter(field));
        let setters = self.model.fields.iter().map(|field| self.setters(field));
        quote! {
            #[automatically_derived]
            // `non_snake_case`: `set__private` from a field `_private`.
            #[allow(dead_code, non_snake_case, private_interfaces)]
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
        let parameter = |field: &DataField| mixed_site_ident(field.ident);
        let params = self.required_fields().map(|(_, field)| {
            let parameter = parameter(field);
            let ty = param_type(field.ty, field.into);
            quote!(#parameter: #ty)
        });
        let inits = self.model.fields.iter().map(|field| {
            let ident = field.ident;
            let init = match &field.presence {
                Presence::Required => {
                    let parameter = parameter(field);
                    if !field.into {
                        // Shorthand: the parameter is named like the field.
                        return quote!(#parameter);
                    }
                    quote!(::core::convert::Into::into(#parameter))
                }
                // Spanned as built: `located_at` would send the tokens to the compiler and back.
                Presence::Optional(DefaultValue::Trait(span)) => {
                    let at = Span::call_site().located_at(*span);
                    quote_spanned!(at=> ::core::default::Default::default())
                }
                Presence::Optional(DefaultValue::Expr(expr)) => default_expr(expr, field.shape),
            };
            quote!(#ident: #init)
        });
        let optional: Vec<String> = self
            .model
            .fields
            .iter()
            .filter(|field| !matches!(field.presence, Presence::Required))
            .map(|field| format!("`{}` = `{}`", field.ident.unraw(), default_text(field)))
            .collect();
        let mut doc = format!(
            "Creates a [`{name}`] from its required fields, in declaration order: {}.",
            self.required_list()
        );
        if !optional.is_empty() {
            doc.push_str(&format!(
                "\n\nOptional fields take their defaults: {}.",
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
        let nones = self
            .model
            .fields
            .iter()
            .map(|_| quote!(__modsmith_Option::None));
        let (storage, state_marker) = (&self.storage, &self.state_marker);
        let name = &self.model.input.ident;
        let doc = format!(
            "Starts a [`{builder}`]: set the required fields (each once) and any optional ones, \
             then call `.build()` to get the [`{name}`]."
        );
        quote! {
            #[doc = #doc]
            #[inline]
            // The states left out take their defaults: the fields' markers.
            #vis fn builder() -> #builder< #( #user_args ),* > {
                #builder {
                    #storage: ( #( #nones, )* ),
                    #state_marker: ::core::marker::PhantomData,
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
                quote!(__modsmith_Option<&#target>),
                quote!(__modsmith_Option::as_deref(&self.#ident)),
            ),
            Getter::OptionRef(inner) => (
                quote!(__modsmith_Option<&#inner>),
                quote!(__modsmith_Option::as_ref(&self.#ident)),
            ),
            Getter::Ref(referent) => (quote!(&#referent), quote!(&self.#ident)),
        };
        let doc = with_field_doc(format!("Returns `{}`.", ident.unraw()), field);
        // The signature sits at the field: when the user defines a method of the same name in
        // another impl, rustc's "duplicate definitions" then points at the field rather than
        // at the derive.
        // Only the signature: the attributes are not part of the span rustc reports, and each
        // moved token crosses the bridge to the compiler twice more.
        let signature =
            located_at_if_meaning_kept(&quote!(#vis fn #ident(&self) -> #ret), ident.span());
        quote! {
            #[doc = #doc]
            #[inline]
            #signature {
                #body
            }
        }
    }

    /// `set_*` (with `#[data(set)]`) and `with_*` (with `#[data(with)]`): opt-in, since each
    /// is a method per field that every build compiles (`benches/RESULTS.md`).
    fn setters(&self, field: &DataField) -> TokenStream {
        let (emit_set, emit_with) = (self.model.set_methods, self.model.with_methods);
        if !field.setters || !(emit_set || emit_with) {
            return TokenStream::new();
        }
        let vis = &self.model.input.vis;
        let private = &self.private;
        let (value, errors) = (&self.value, &self.errors);
        let ident = field.ident;
        let field_name = ident.unraw();
        let set = format_ident!("set_{}", field_name, span = ident.span());
        let with = format_ident!("with_{}", field_name, span = ident.span());
        let param = param_type(field.ty, field.into);
        let convert = field.into.then(|| {
            let ty = field.ty;
            quote!(let #value: #ty = ::core::convert::Into::into(#value);)
        });
        if field.validators.is_empty() && self.model.struct_check.is_none() {
            let set_method = emit_set.then(|| {
                let doc = with_field_doc(format!("Sets `{field_name}`."), field);
                let assign = self.with_change_hook(
                    field,
                    &quote!(self),
                    quote!(self.#ident = #value;),
                    false,
                );
                quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #set(&mut self, #value: #param) {
                        #convert
                        #assign
                    }
                }
            });
            let with_method = emit_with.then(|| {
                let doc = with_field_doc(format!("Returns `self` with `{field_name}` set."), field);
                let assign = self.with_change_hook(
                    field,
                    &quote!(&self),
                    quote!(self.#ident = #value;),
                    false,
                );
                quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #with(mut self, #value: #param) -> Self {
                        #convert
                        #assign
                        self
                    }
                }
            });
            return quote!(#set_method #with_method);
        }
        let checks = self.checks(field, &quote!(#value));
        let passes = if self.model.struct_check.is_some() {
            "passes the field's validators and the struct's check"
        } else {
            "passes the field's validators"
        };
        // With a whole-struct check, the new value is put in place and the struct checked as
        // it would be; on failure the old value goes back. `receiver`: see `struct_check_call`.
        let assign = |receiver: TokenStream| match self.struct_check_call(&receiver) {
            Some(struct_check) => {
                let old = Ident::new("__modsmith_old_value", Span::mixed_site());
                quote! {
                    let #old = ::core::mem::replace(&mut self.#ident, #value);
                    let mut #errors = #private::ValidationErrors::new();
                    #struct_check
                    match #private::ValidationErrors::into_result(#errors) {
                        __modsmith_Result::Ok(()) => __modsmith_Result::Ok(()),
                        __modsmith_Result::Err(#errors) => {
                            self.#ident = #old;
                            __modsmith_Result::Err(#errors)
                        }
                    }
                }
            }
            None => quote! {
                self.#ident = #value;
                __modsmith_Result::Ok(())
            },
        };
        let field_checks = (!field.validators.is_empty()).then(|| {
            quote! {
                let mut #errors = #private::ValidationErrors::new();
                #checks
                #private::ValidationErrors::into_result(#errors)?;
            }
        });
        let set_method = emit_set.then(|| {
            let doc = with_field_doc(
                format!(
                    "Sets `{field_name}` if the new value {passes}; on failure the field keeps \
                     its old value.{}",
                    self.errors_doc
                ),
                field,
            );
            let assign = self.with_change_hook(field, &quote!(self), assign(quote!(self)), true);
            quote! {
                #[doc = #doc]
                #[inline]
                #vis fn #set(&mut self, #value: #param) -> __modsmith_Result<(), #private::ValidationErrors> {
                    #convert
                    #field_checks
                    #assign
                }
            }
        });
        let with_method = emit_with.then(|| {
            let doc = with_field_doc(
                format!(
                    "Returns `self` with `{field_name}` set, if the new value {passes}.{}",
                    self.errors_doc
                ),
                field,
            );
            // One copy of the checks: `with_*` calls `set_*` when there is one.
            let set_value = if emit_set {
                quote!(Self::#set(&mut self, #value)?;)
            } else if self.model.struct_check.is_some() {
                let assign = self.with_change_hook(field, &quote!(&self), assign(quote!(&self)), true);
                quote!(#convert #field_checks let () = { #assign }?;)
            } else {
                let assign = self.with_change_hook(
                    field,
                    &quote!(&self),
                    quote!(self.#ident = #value;),
                    false,
                );
                quote!(#convert #field_checks #assign)
            };
            quote! {
                #[doc = #doc]
                #[inline]
                #vis fn #with(mut self, #value: #param) -> __modsmith_Result<Self, #private::ValidationErrors> {
                    #set_value
                    __modsmith_Result::Ok(self)
                }
            }
        });
        quote!(#set_method #with_method)
    }

    /// The whole-struct check of `self`, adding to `errors`, when the struct has one. Located
    /// at the user's path: a wrong return type is reported there.
    /// `receiver` is `self` in methods taking `&self` or `&mut self`, and `&self` in those
    /// taking `self` by value.
    fn struct_check_call(&self, receiver: &TokenStream) -> Option<TokenStream> {
        let errors = &self.errors;
        self.model.struct_check.as_ref().map(|path| {
            let at = Span::call_site().located_at(syn::spanned::Spanned::span(path));
            let private = Ident::new("__modsmith_data", at);
            quote_spanned!(at=> #private::struct_check(&mut #errors, #path(#receiver));)
        })
    }

    /// The validator calls of one field; `place` is an expression of the field's type. Each
    /// call's path is located at the validator, so a type error (a field type without
    /// `PartialOrd`, say) points at the option that asked for it.
    fn checks(&self, field: &DataField, place: &TokenStream) -> TokenStream {
        let errors = &self.errors;
        let name = field.ident.unraw().to_string();
        let checked = match field.shape {
            TypeShape::Option(_) => quote!(__modsmith_Option::as_ref(&#place)),
            _ => quote!(__modsmith_Option::Some(&#place)),
        };
        let calls = field.validators.iter().map(|validator| {
            let at = Span::call_site().located_at(validator.span);
            let private = Ident::new("__modsmith_data", at);
            match &validator.rule {
                Rule::Range { min, max } => {
                    let (min, max) = (optional_expr(min.as_ref()), optional_expr(max.as_ref()));
                    quote_spanned!(at=> #private::range(&mut #errors, #name, #checked, #min, #max);)
                }
                Rule::Length { min, max } => {
                    let (min, max) = (optional_expr(min.as_ref()), optional_expr(max.as_ref()));
                    quote_spanned!(at=> #private::length(&mut #errors, #name, #checked, #min, #max);)
                }
                Rule::NonEmpty => {
                    quote_spanned!(at=> #private::non_empty(&mut #errors, #name, #checked);)
                }
                Rule::Custom(path) => {
                    // The path itself, not a call: a function of the wrong shape is then one
                    // error at the path, from the runtime's `CustomValidator`.
                    quote_spanned!(at=> #private::custom(&mut #errors, #name, #checked, #path);)
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
                Presence::Required => quote!(__modsmith_Option::None),
                Presence::Optional(_) => {
                    let text = default_text(field);
                    quote!(__modsmith_Option::Some(#text))
                }
            };
            // A struct literal, not a `const fn` call: every call is a body for rustc to
            // check, and this constant is compiled by every user of the derive.
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
                // A packed field is copied out: a reference to it may be unaligned.
                let place = if self.model.packed {
                    quote!({ self.#ident })
                } else {
                    quote!(self.#ident)
                };
                self.checks(field, &place)
            });
            let struct_check = self.struct_check_call(&quote!(self));
            quote! {
                fn validate(&self) -> __modsmith_Result<(), #private::ValidationErrors> {
                    let mut #errors = #private::ValidationErrors::new();
                    #( #checks )*
                    #struct_check
                    #private::ValidationErrors::into_result(#errors)
                }
            }
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Data for #name #ty_generics #where_clause {
                const INFO: #private::DataInfo = #private::DataInfo::new(#name_text, &[ #( #infos ),* ]);
                #validate
            }
        }
    }

    /// `Clone` and `Debug` for the builder, when asked (`builder(derive(Clone, Debug))`) and
    /// the fields have them. The bound is on the builder's values parameter, so that a field
    /// type without the trait leaves the impl out instead of failing to compile (a bound on
    /// the concrete types would be refused as never true).
    fn builder_traits(&self) -> TokenStream {
        let builder = &self.builder;
        let (storage, state_marker) = (&self.storage, &self.state_marker);
        let values = &self.values_param;
        let mut generics = self.builder_generics();
        generics
            .params
            .push(GenericParam::Type(syn::TypeParam::from(values.clone())));
        let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
        let predicates = where_clause
            .map(|clause| clause.predicates.iter().collect::<Vec<_>>())
            .unwrap_or_default();
        let private = &self.private;
        let formatter = Ident::new("__modsmith_formatter", Span::mixed_site());
        let names = self
            .model
            .fields
            .iter()
            .map(|field| field.ident.unraw().to_string());
        let builder_name = builder.unraw().to_string();
        let clone = self.model.builder_clone.then(|| {
            quote! {
                #[automatically_derived]
                impl #impl_generics ::core::clone::Clone for #builder #ty_generics
                where
                    #( #predicates, )*
                    #values: ::core::clone::Clone,
                {
                    #[inline]
                    fn clone(&self) -> Self {
                        #builder {
                            #storage: ::core::clone::Clone::clone(&self.#storage),
                            #state_marker: ::core::marker::PhantomData,
                        }
                    }
                }
            }
        });
        let debug = self.model.builder_debug.then(|| quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #builder #ty_generics
            where
                #( #predicates, )*
                #values: #private::DebugValues,
            {
                fn fmt(&self, #formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::debug_builder(#formatter, #builder_name, &[ #( #names ),* ], &self.#storage)
                }
            }
        });
        quote!(#clone #debug)
    }

    fn builder_impl(&self) -> TokenStream {
        let name = &self.model.input.ident;
        let builder = &self.builder;
        let private = &self.private;
        let (value, values) = (&self.value, &self.values);
        let (storage, state_marker) = (&self.storage, &self.state_marker);
        let generics = self.builder_generics();
        let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
        let vis = &self.model.input.vis;
        let user_args = &self.user_args;
        let setters = self.model.fields.iter().enumerate().map(|(index, field)| {
            let ident = field.ident;
            let field_name = ident.unraw();
            let slot = Index::from(index);
            let converted = field.into.then(|| quote!(::core::convert::Into::into(#value)));
            let stored: &dyn ToTokens = match &converted {
                Some(converted) => converted,
                None => value,
            };
            if let Some(state) = self.states.iter().find(|state| state.index == index) {
                let param = builder_param_type(&self.builder_type(index), field.into);
                let current = &state.param;
                let next_states = self.states.iter().map(|other| StateArgument {
                    param: &other.param,
                    set: (other.index == index).then_some(private),
                });
                let doc = with_field_doc(format!("Sets the required field `{field_name}` (once)."), field);
                return quote! {
                    #[doc = #doc]
                    #[inline]
                    #vis fn #ident(self, #value: #param) -> #builder< #( #user_args, )* #( #next_states, )* >
                    where
                        #current: #private::IsUnset,
                    {
                        let mut #values = self.#storage;
                        #values.#slot = __modsmith_Option::Some(#stored);
                        #builder {
                            #storage: #values,
                            #state_marker: ::core::marker::PhantomData,
                        }
                    }
                };
            }
            match (field.shape, field.into) {
                // One setter takes `value`, `Some(value)` and `None` alike: `Option<T>`
                // implements `From<T>`. (A `maybe_` twin would double the bodies to check.)
                (TypeShape::Option(_), false) => {
                    let ty = self.builder_type(index);
                    let doc = with_field_doc(
                        format!("Sets `{field_name}`: pass a value, `Some(value)` or `None`."),
                        field,
                    );
                    quote! {
                        #[doc = #doc]
                        #[inline]
                        #vis fn #ident(mut self, #value: impl ::core::convert::Into<#ty>) -> Self {
                            self.#storage.#slot = __modsmith_Option::Some(::core::convert::Into::into(#value));
                            self
                        }
                    }
                }
                (TypeShape::Option(inner), true) => {
                    let param = self.in_builder(param_type(inner, true));
                    let doc = with_field_doc(format!("Sets `{field_name}` to `Some(value)`."), field);
                    quote! {
                        #[doc = #doc]
                        #[inline]
                        #vis fn #ident(mut self, #value: #param) -> Self {
                            self.#storage.#slot = __modsmith_Option::Some(__modsmith_Option::Some(#stored));
                            self
                        }
                    }
                }
                _ => {
                    let param = builder_param_type(&self.builder_type(index), field.into);
                    let doc = with_field_doc(
                        format!("Sets `{field_name}`; when not called, it is `{}`.", default_text(field)),
                        field,
                    );
                    quote! {
                        #[doc = #doc]
                        #[inline]
                        #vis fn #ident(mut self, #value: #param) -> Self {
                            self.#storage.#slot = __modsmith_Option::Some(#stored);
                            self
                        }
                    }
                }
            }
        });
        let inits = self.model.fields.iter().enumerate().map(|(index, field)| {
            let ident = field.ident;
            let slot = Index::from(index);
            let taken = quote!(#values.#slot);
            match &field.presence {
                Presence::Required => quote!(#ident: #private::required(#taken)),
                Presence::Optional(DefaultValue::Trait(span)) => {
                    let at = Span::call_site().located_at(*span);
                    let unwrap_or_default =
                        quote_spanned!(at=> __modsmith_Option::unwrap_or_default);
                    quote!(#ident: #unwrap_or_default(#taken))
                }
                Presence::Optional(DefaultValue::Expr(expr)) => {
                    let expr = self.in_builder(default_expr(expr, field.shape));
                    quote!(#ident: __modsmith_Option::unwrap_or_else(#taken, || #expr))
                }
            }
        });
        let set_bounds = self.states.iter().map(|state| {
            let param = &state.param;
            quote!(#param: #private::IsSet)
        });
        let mut build_doc =
            format!("Builds the [`{name}`]; optional fields not set take their defaults.");
        if self.is_validated() {
            build_doc.push_str(&self.errors_doc);
        }
        let ret = self.validated_type(self.self_type.clone());
        let finish = self.finish_value();
        quote! {
            #[automatically_derived]
            #[allow(dead_code, non_snake_case, private_interfaces)]
            impl #impl_generics #builder #ty_generics #where_clause {
                #( #setters )*

                #[doc = #build_doc]
                #[inline]
                #vis fn build(self) -> #ret
                where
                    #( #set_bounds, )*
                {
                    let #values = self.#storage;
                    let #value = #name { #( #inits ),* };
                    #finish
                }
            }
        }
    }
}

/// The parameter type of `new`, the setters and the builder's setters.
fn param_type(ty: &Type, into: bool) -> TokenStream {
    if into {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        quote!(#ty)
    }
}

/// `param_type` for a type already written for the builder.
fn builder_param_type(ty: &TokenStream, into: bool) -> TokenStream {
    if into {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        ty.clone()
    }
}

/// A `default = expr` as it initialises the field: a string literal converts with `Into`
/// (`default = "anon"` on a `String`, or on an `Option<String>` as `Some(..)`).
pub(crate) fn default_expr(expr: &Expr, shape: TypeShape) -> TokenStream {
    let is_string_literal = match expr {
        Expr::Lit(literal) => matches!(literal.lit, Lit::Str(_)),
        Expr::Group(group) => {
            matches!(&*group.expr, Expr::Lit(literal) if matches!(literal.lit, Lit::Str(_)))
        }
        _ => false,
    };
    match (is_string_literal, shape) {
        (true, TypeShape::Option(_)) => {
            quote!(__modsmith_Option::Some(::core::convert::Into::into(#expr)))
        }
        (true, _) => quote!(::core::convert::Into::into(#expr)),
        (false, _) => quote!(#expr),
    }
}

fn default_text(field: &DataField) -> String {
    match &field.presence {
        Presence::Required => String::new(),
        Presence::Optional(DefaultValue::Expr(expr)) => source_text(quote!(#expr)),
        Presence::Optional(DefaultValue::Trait(_)) => {
            if matches!(field.shape, TypeShape::Option(_)) {
                "None".to_owned()
            } else {
                "Default::default()".to_owned()
            }
        }
    }
}

fn optional_expr(expr: Option<&Expr>) -> TokenStream {
    match expr {
        Some(expr) => quote!(__modsmith_Option::Some(#expr)),
        None => quote!(__modsmith_Option::None),
    }
}

fn with_field_doc(summary: String, field: &DataField) -> String {
    if field.doc.is_empty() {
        summary
    } else {
        format!("{summary}\n\n{}", field.doc)
    }
}
