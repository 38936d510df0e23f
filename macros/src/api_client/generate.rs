//! Checked model → tokens: an async client, a blocking client, and per endpoint one static
//! descriptor and one short method per client that fills a runtime `Call` and sends it.
//! Everything else (URLs, encoding, auth, retries, tracing, decoding) is runtime code.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Ident, Type};

use super::names::{ApiKeyPlace, BodyEncoding};
use super::parse::Auth;
use super::validate::{CheckedClient, CheckedEndpoint, CheckedKind, Output};

pub fn generate(model: &CheckedClient) -> TokenStream {
    let krate = &model.krate;
    let http = quote!(#krate::__private::http);
    // A short name for the runtime inside the const block: every endpoint names it several
    // times, and the expansion is compiled by every user.
    let alias = Ident::new("__modsmith_http", Span::mixed_site());
    let inner = quote!(#alias);
    let vis = &model.input.vis;
    let name = &model.input.ident;
    let blocking = format_ident!("{}Blocking", name);
    let docs = &model.docs;
    let name_text = name.unraw().to_string();
    let base_url = &model.base_url;
    let auth = match &model.auth {
        Auth::None => quote!(#inner::AuthKind::None),
        Auth::Bearer => quote!(#inner::AuthKind::Bearer),
        Auth::Basic => quote!(#inner::AuthKind::Basic),
        Auth::ApiKey { place, name } => {
            let variant = match place {
                ApiKeyPlace::Header => quote!(ApiKeyHeader),
                ApiKeyPlace::Query => quote!(ApiKeyQuery),
            };
            let name = name.value();
            quote!(#inner::AuthKind::#variant(#name))
        }
    };
    let timeout = match model.timeout_ms {
        Some(ms) => quote!(::core::option::Option::Some(::core::time::Duration::from_millis(#ms))),
        None => quote!(::core::option::Option::None),
    };
    let retries = model.retries;
    let headers = model
        .headers
        .iter()
        .map(|(name, value)| quote!((#name, #value)));
    let config = Ident::new("CONFIG", Span::mixed_site());
    let statics = model.endpoints.iter().map(|endpoint| {
        let id = endpoint_static(endpoint);
        let method = Ident::new(endpoint.method.runtime_variant(), Span::call_site());
        let route = &endpoint.route;
        let idempotent = endpoint.idempotent;
        quote!(static #id: #inner::Endpoint = #inner::Endpoint::new(#inner::Method::#method, #route, #idempotent);)
    });
    let async_methods = model
        .endpoints
        .iter()
        .map(|endpoint| method(&inner, vis, endpoint, true));
    let blocking_methods = model
        .endpoints
        .iter()
        .map(|endpoint| method(&inner, vis, endpoint, false));
    let async_doc = format!(
        "Async client. Make it with [`{name}::new`], [`{name}::builder`] or [`{name}::with_transport`]; \
         every method returns `Result<_, ApiError>`."
    );
    // A blank doc line separates the user's docs from ours, when there are any.
    let separator = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
    let blocking_doc = format!(
        "The blocking twin of [`{name}`]: the same methods, without `async`. Not for async \
         code, where reqwest's blocking transport panics: use [`{name}`] there, or call this \
         one inside `tokio::task::spawn_blocking`."
    );
    let async_struct = client_struct(
        &http,
        vis,
        name,
        docs,
        &separator,
        &async_doc,
        quote!(DefaultTransport),
    );
    let blocking_struct = client_struct(
        &http,
        vis,
        &blocking,
        docs,
        &separator,
        &blocking_doc,
        quote!(DefaultBlockingTransport),
    );
    let async_impls = client_impls(
        &inner,
        vis,
        name,
        &config,
        quote!(Transport),
        "transport",
        async_methods,
    );
    let blocking_impls = client_impls(
        &inner,
        vis,
        &blocking,
        &config,
        quote!(BlockingTransport),
        "blocking transport",
        blocking_methods,
    );
    quote! {
        #async_struct
        #blocking_struct

        const _: () = {
            use #krate::__private::http as #alias;
            static #config: #inner::ClientConfig = #inner::ClientConfig {
                name: #name_text,
                base_url: #base_url,
                auth: #auth,
                timeout: #timeout,
                retries: #retries,
                headers: &[ #( #headers ),* ],
            };
            #( #statics )*
            #async_impls
            #blocking_impls
        };
    }
}

/// One client struct: the async one or its blocking twin.
fn client_struct(
    http: &TokenStream,
    vis: &syn::Visibility,
    name: &Ident,
    docs: &[&syn::Attribute],
    separator: &Option<TokenStream>,
    doc: &str,
    default_transport: TokenStream,
) -> TokenStream {
    quote! {
        #( #docs )*
        #separator
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[allow(dead_code)]
        #vis struct #name<TransportT = #http::#default_transport> {
            core: #http::ClientCore,
            transport: TransportT,
        }
    }
}

/// The impls of one client: the runtime's `Client` trait, the constructors, and the
/// endpoint methods over a transport implementing `transport_trait`.
fn client_impls(
    inner: &TokenStream,
    vis: &syn::Visibility,
    name: &Ident,
    config: &Ident,
    transport_trait: TokenStream,
    transport_kind: &str,
    methods: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    let new_doc = format!(" A client with the declared settings and the default {transport_kind}.");
    // Parameters are patterns, where a user's constant of the same name would win over a new
    // binding (even a mixed-site one): named so no user writes them.
    let core = Ident::new("__modsmith_core", Span::mixed_site());
    let transport = Ident::new("__modsmith_transport", Span::mixed_site());
    quote! {
        #[automatically_derived]
        impl<TransportT> #inner::Client for #name<TransportT> {
            type Transport = TransportT;
            type With<U> = #name<U>;
            const CONFIG: &'static #inner::ClientConfig = &#config;
            fn from_parts(#core: #inner::ClientCore, #transport: TransportT) -> Self {
                #name { core: #core, transport: #transport }
            }
        }

        #[automatically_derived]
        #[allow(dead_code)]
        impl #name {
            #[doc = #new_doc]
            #vis fn new() -> Self {
                #inner::ClientBuilder::new().build()
            }

            /// A builder to change the base URL, credentials, timeout, retries and body limit.
            #vis fn builder() -> #inner::ClientBuilder<Self> {
                #inner::ClientBuilder::new()
            }
        }

        #[automatically_derived]
        #[allow(dead_code)]
        impl<TransportT: #inner::#transport_trait> #name<TransportT> {
            /// A client with the declared settings that sends through the given transport.
            #vis fn with_transport(#transport: TransportT) -> Self {
                #inner::ClientBuilder::<Self>::new().build_with(#transport)
            }

            #( #methods )*
        }
    }
}

/// The static descriptor of an endpoint, named by position: a name made from the endpoint's
/// own (`ENDPOINT_GET_PET`) would be shared by `get_pet` and `GET_PET`.
fn endpoint_static(endpoint: &CheckedEndpoint) -> Ident {
    Ident::new(&format!("ENDPOINT_{}", endpoint.index), Span::mixed_site())
}

fn method(
    http: &TokenStream,
    vis: &syn::Visibility,
    endpoint: &CheckedEndpoint,
    is_async: bool,
) -> TokenStream {
    let ident = endpoint.ident;
    let docs = &endpoint.docs;
    let id = endpoint_static(endpoint);
    let call = Ident::new("__modsmith_call", Span::mixed_site());
    let params = endpoint.params.iter().map(|param| {
        let (ident, ty) = (param.ident, param.ty);
        quote!(#ident: #ty)
    });
    let fills = endpoint.params.iter().map(|param| {
        let ident = param.ident;
        let text = ident.unraw().to_string();
        // Each value goes through the runtime function that carries its kind's bound, named
        // with the user's type; the statement is spanned on that type, so a type without the
        // bound gets one error, there. An `impl Trait` cannot be named: it is inferred (`_`).
        let span = param.ty.span();
        let ty = param
            .bound_ty
            .map_or_else(|| quote_spanned!(span=> _), |ty| quote!(#ty));
        let fill = |function: &str, arguments: TokenStream| {
            let function = Ident::new(function, Span::call_site());
            quote_spanned!(span=> #http::#function::<#ty>(&mut #call, #arguments);)
        };
        match &param.kind {
            CheckedKind::Path => fill("path", quote_spanned!(span=> #text, &#ident)),
            CheckedKind::Unused => quote!(let _ = &#ident;),
            CheckedKind::Query {
                name,
                optional,
                list: None,
            } => fill(
                if *optional { "query_opt" } else { "query" },
                quote_spanned!(span=> #name, &#ident),
            ),
            // The list's own type is inferred (`_`): only its values need a bound.
            CheckedKind::Query {
                name,
                optional,
                list: Some(style),
            } => {
                let function = Ident::new(
                    if *optional { "query_list_opt" } else { "query_list" },
                    Span::call_site(),
                );
                let style = Ident::new(style.runtime_variant(), Span::call_site());
                quote_spanned!(span=> #http::#function::<#ty, _>(&mut #call, #name, #http::QueryStyle::#style, &#ident);)
            }
            CheckedKind::Header { name, optional } => fill(
                if *optional { "header_opt" } else { "header" },
                quote_spanned!(span=> #name, #text, &#ident),
            ),
            CheckedKind::Body(BodyEncoding::Json) => {
                fill("json_body", quote_spanned!(span=> #text, &#ident))
            }
            CheckedKind::Body(BodyEncoding::Form) => {
                fill("form_body", quote_spanned!(span=> #text, &#ident))
            }
            CheckedKind::Body(BodyEncoding::Bytes) => fill("bytes_body", quote!(#ident)),
        }
    });
    let (ret, finish) = match &endpoint.output {
        Output::Empty => (quote!(()), send_empty(&call, is_async)),
        Output::Typed(ty) => (quote!(#ty), send_returning(http, &call, ty, is_async)),
    };
    let asyncness = is_async.then(|| quote!(async));
    let mutability = (!endpoint.params.is_empty()).then(|| quote!(mut));
    let route_doc = format!("`{} {}`", endpoint.method.wire_name(), endpoint.route);
    let separator = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
    quote! {
        #( #docs )*
        #separator
        #[doc = #route_doc]
        #vis #asyncness fn #ident(&self, #( #params ),*) -> ::core::result::Result<#ret, #http::ApiError> {
            let #mutability #call = self.core.call(&#id);
            #( #fills )*
            #finish
        }
    }
}

/// Ends a call whose body is ignored: `call.empty(&self.transport).await`, or
/// `call.empty_blocking(..)`.
fn send_empty(call: &Ident, is_async: bool) -> TokenStream {
    if is_async {
        quote!(#call.empty(&self.transport).await)
    } else {
        quote!(#call.empty_blocking(&self.transport))
    }
}

/// Ends a call that makes the return type from the response. The type is named once, in
/// `returning::<Type>`, spanned on it: a type the response cannot become gets one error,
/// there (the same in both clients, so the compiler shows it once); the send that follows
/// needs no bound.
fn send_returning(http: &TokenStream, call: &Ident, ty: &Type, is_async: bool) -> TokenStream {
    let returning = quote_spanned!(ty.span()=> #http::returning::<#ty>);
    if is_async {
        quote!(#returning(#call).send(&self.transport).await)
    } else {
        quote!(#returning(#call).send_blocking(&self.transport))
    }
}
