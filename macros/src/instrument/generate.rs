//! Checked model → tokens: a function body wrapped in its span. Reports no user errors.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{Block, Expr, ExprAsync, Ident, ReturnType, Stmt, Type};

use super::parse::{Format, Name, SpanLevel};
use super::validate::{Plan, Recorded, Ret, SpanName};
use crate::common::signature::FnSignature;

/// The new body of an instrumented function. Its statements are kept as tokens (a verbatim
/// expression statement), not parsed back: they are ours and need no second reading.
pub fn body(plan: &Plan, krate: &syn::Path, signature: &FnSignature, block: &Block) -> Block {
    Block {
        brace_token: block.brace_token,
        stmts: vec![Stmt::Expr(
            Expr::Verbatim(statements(plan, krate, signature, block)),
            None,
        )],
    }
}

/// The paths and names the pieces of one body share.
struct Names {
    inst: TokenStream,
    tracing: TokenStream,
    target: TokenStream,
    span: Ident,
    result: Ident,
    levels: Levels,
}

/// The levels of the span and its events, as the body names them.
struct Levels {
    span: TokenStream,
    ret: Option<TokenStream>,
    err: Option<TokenStream>,
    /// A `const` for each level given as a constant of the user's: its type is checked once,
    /// there, and tracing's macros, which use a level several times, name the `const`, so a
    /// constant of the wrong type is one error at the constant rather than five.
    definitions: TokenStream,
}

impl Levels {
    fn new(plan: &Plan, tracing: &TokenStream) -> Self {
        let mut definitions = TokenStream::new();
        let mut bind = |level: &SpanLevel, name: &str| match level {
            // `Self::LEVEL` cannot be named from an item inside the function.
            SpanLevel::Constant(path)
                if path
                    .segments
                    .first()
                    .is_none_or(|first| first.ident != "Self") =>
            {
                let constant = Ident::new(name, Span::mixed_site());
                definitions.extend(quote!(const #constant: #tracing::Level = #path;));
                constant.to_token_stream()
            }
            level => level_tokens(level, tracing),
        };
        let span = bind(&plan.level, "__MODSMITH_LEVEL");
        let ret = match &plan.ret {
            Ret::IfShown(event) | Ret::Checked(event) => event
                .level
                .as_ref()
                .map(|level| bind(level, "__MODSMITH_RET_LEVEL")),
            Ret::No => None,
        };
        let err = plan
            .err
            .as_ref()
            .and_then(|event| event.level.as_ref())
            .map(|level| bind(level, "__MODSMITH_ERR_LEVEL"));
        Levels {
            span,
            ret,
            err,
            definitions,
        }
    }
}

fn level_tokens(level: &SpanLevel, tracing: &TokenStream) -> TokenStream {
    match level {
        SpanLevel::Known {
            written: Some(path),
            ..
        } => path.to_token_stream(),
        SpanLevel::Known {
            level,
            written: None,
        } => {
            let constant = format_ident!("{}", level.constant());
            quote!(#tracing::Level::#constant)
        }
        // The user's constant, with the user's spans: a wrong type is reported there.
        SpanLevel::Constant(path) => path.to_token_stream(),
    }
}

fn name_tokens(name: &Name) -> TokenStream {
    match name {
        Name::Text(text) => text.to_token_stream(),
        Name::Constant(path) => path.to_token_stream(),
    }
}

fn statements(
    plan: &Plan,
    krate: &syn::Path,
    signature: &FnSignature,
    block: &Block,
) -> TokenStream {
    let inst = quote!(#krate::__private::instrument);
    let tracing = quote!(#inst::tracing);
    let names = Names {
        target: match &plan.target {
            Some(target) => name_tokens(target),
            None => quote!(::core::module_path!()),
        },
        span: Ident::new("__modsmith_span", Span::mixed_site()),
        result: Ident::new("__modsmith_result", Span::mixed_site()),
        levels: Levels::new(plan, &tracing),
        inst,
        tracing,
    };
    let Names {
        inst,
        tracing,
        target,
        span,
        result,
        levels,
    } = &names;
    let level = &levels.span;
    let level_definitions = &levels.definitions;
    let name = match &plan.span_name {
        SpanName::Function(name) => name.to_token_stream(),
        SpanName::Written(name) => name_tokens(name),
    };
    let fields = plan.fields.iter().map(|field| {
        let (name, ident) = (&field.name, &field.ident);
        match field.recorded {
            Recorded::Redacted => quote!(#name = #inst::REDACTED),
            Recorded::Debug => quote!(#name = {
                #[allow(unused_imports)]
                use #inst::{RecordDebug as _, RecordNothing as _};
                (&#inst::Arg(&#ident)).recorded()
            }),
            Recorded::Typed => quote!(#name = {
                #[allow(unused_imports)]
                use #inst::{RecordValue as _, RecordDebug as _, RecordNothing as _};
                (&&#inst::Arg(&#ident)).recorded()
            }),
        }
    });
    let empty = quote!(#tracing::field::Empty);
    let custom_fields = plan.custom_fields.iter().map(|field| field.tokens(&empty));
    let elapsed = plan.time.then(|| quote!(elapsed_us = #empty));
    let parent = plan.parent.as_ref().map(|parent| quote!(parent: #parent,));
    let new_span = quote! {
        #tracing::span!(
            target: #target,
            #parent
            #level,
            #name,
            #( #fields, )*
            #( #custom_fields, )*
            #elapsed
        )
    };
    let follows_from = plan.follows_from.as_ref().map(|causes| {
        let cause = Ident::new("__modsmith_cause", Span::mixed_site());
        quote!(for #cause in #causes { #span.follows_from(#cause); })
    });
    // With tracing's `log` feature and no subscriber, spans become `log` records, as with
    // `#[tracing::instrument]`; without that feature the second check is a constant `false`.
    let enabled = quote!(
        #tracing::level_enabled!(#level)
            || #tracing::if_log_enabled!(#level, { true } else { false })
    );
    let report = report(plan, &names);
    // The timer holds this function's own span (a clone, taken before the span moves into
    // the future): `Span::current()` would be the caller's when this span is disabled.
    let timed = Ident::new("__modsmith_timed", Span::mixed_site());
    let keep_timed = plan.time.then(|| quote!(let #timed = #span.clone();));
    let future = |user_future: TokenStream| {
        let timer = plan.time.then(|| {
            let timer = Ident::new("__modsmith_timer", Span::mixed_site());
            quote!(let #timer = #inst::Timer::start(&#timed);)
        });
        if report.is_empty() && timer.is_none() {
            return user_future;
        }
        quote!(async move {
            #timer
            let #result = #user_future.await;
            #report
            #result
        })
    };
    let new_or_none = quote!(if #enabled {
        let #span = #new_span;
        #follows_from
        #span
    } else {
        #tracing::Span::none()
    });
    if signature.is_async {
        // The declared return type, stated first in the async block, so that a type error in
        // the body is reported at the user's expression rather than at this attribute.
        let fake_return = declared_return(&signature.sig.output, &signature.sig.ident, inst);
        // The body stays a block of its own, so that its items (`use Enum::*`) cannot change
        // what the declared type names.
        let inner = future(quote!(async move { #fake_return #block }));
        return quote!(
            #level_definitions
            let #span = #new_or_none;
            #keep_timed
            #tracing::Instrument::instrument(#inner, #span).await
        );
    }
    if let Some(tail) = TailFuture::find(block) {
        // A function that builds its future by hand and ends in an async block (optionally
        // `Box::pin`ned), as `#[async_trait]` rewrites an `async fn`: the span covers that
        // future, not only the call that builds it. It is made first, so the parameters it
        // records are read before the statements can move them.
        let TailFuture {
            before,
            pin,
            future: user_future,
        } = tail;
        let inner = future(user_future.to_token_stream());
        let instrumented = quote!(#tracing::Instrument::instrument(#inner, #span));
        let tail = match pin {
            Some(pin) => quote!(#pin(#instrumented)),
            None => instrumented,
        };
        return quote!(
            #level_definitions
            let #span = #new_or_none;
            #keep_timed
            #( #before )*
            #tail
        );
    }
    // Left uninitialised when the level is disabled, so that the compiler can drop the span
    // machinery entirely from the fast path (as `#[tracing::instrument]` does).
    let entered = Ident::new("__modsmith_entered", Span::mixed_site());
    let timer = Ident::new("__modsmith_timer", Span::mixed_site());
    let (declare_timer, start_timer) = if plan.time {
        (
            quote!(let #timer;),
            quote!(#timer = #inst::Timer::start(&#span);),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let enter = quote! {
        let #span;
        let #entered;
        #declare_timer
        if #enabled {
            #span = #new_span;
            #follows_from
            #entered = #span.enter();
            #start_timer
        }
    };
    if report.is_empty() {
        // The body's statements, not the body as a nested block: a one-expression body nested
        // as the tail of our block would trip `unused_braces` in every user's build.
        let statements = &block.stmts;
        return quote!(
            #level_definitions
            #enter
            #( #statements )*
        );
    }
    // A closure catches `return` and `?` so the result can be reported.
    let annotation = signature.closure_return_type().map(|ty| quote!(-> #ty));
    quote!(
        #level_definitions
        #enter
        #[allow(clippy::redundant_closure_call)]
        let #result = (move || #annotation #block)();
        #report
        #result
    )
}

/// The declared return type, stated first in an async body (the runtime's
/// `declared_return!`). `impl Trait` in the type is written `_`. Spanned at the return type
/// (or the name, when there is none).
fn declared_return(output: &ReturnType, name: &Ident, inst: &TokenStream) -> TokenStream {
    let (ty, span): (Type, Span) = match output {
        ReturnType::Type(_, written) => {
            let mut ty = (**written).clone();
            impl_trait_as_inferred(&mut ty);
            (ty, syn::spanned::Spanned::span(&**written))
        }
        ReturnType::Default => (syn::parse_quote!(()), name.span()),
    };
    // The whole call at the return type (the type keeps its own spans), so that the
    // compiler's "return type inferred to be `T` here" points there, not at the attribute.
    let mut arguments =
        proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, ty.to_token_stream());
    arguments.set_span(Span::call_site().located_at(span));
    let call = crate::common::respan::located_at(&quote!(#inst::declared_return!), span);
    quote!(#call #arguments;)
}

/// Replaces every `impl Trait` in a type with `_`, which a `let` can state. (By hand: syn's
/// `visit-mut` feature would cost every user's build more than these lines.)
fn impl_trait_as_inferred(ty: &mut Type) {
    match ty {
        Type::ImplTrait(found) => {
            let span = syn::spanned::Spanned::span(&*found);
            *ty = Type::Infer(syn::TypeInfer {
                attrs: Vec::new(),
                underscore_token: syn::Token![_](span),
            });
        }
        Type::Path(path) => {
            for segment in &mut path.path.segments {
                if let syn::PathArguments::AngleBracketed(arguments) = &mut segment.arguments {
                    for argument in &mut arguments.args {
                        if let syn::GenericArgument::Type(inner) = argument {
                            impl_trait_as_inferred(inner);
                        }
                    }
                }
            }
        }
        Type::Reference(reference) => impl_trait_as_inferred(&mut reference.elem),
        Type::Paren(paren) => impl_trait_as_inferred(&mut paren.elem),
        Type::Group(group) => impl_trait_as_inferred(&mut group.elem),
        Type::Slice(slice) => impl_trait_as_inferred(&mut slice.elem),
        Type::Array(array) => impl_trait_as_inferred(&mut array.elem),
        Type::Ptr(pointer) => impl_trait_as_inferred(&mut pointer.elem),
        Type::Tuple(tuple) => tuple.elems.iter_mut().for_each(impl_trait_as_inferred),
        _ => {}
    }
}

/// Events for `ret` and `err`, emitted inside the span.
fn report(plan: &Plan, names: &Names) -> TokenStream {
    let Names {
        inst,
        tracing,
        target,
        result,
        ..
    } = names;
    let value = Ident::new("__modsmith_value", Span::mixed_site());
    let span_level = &names.levels.span;
    let ret_level = names.levels.ret.as_ref().unwrap_or(span_level);
    let error = quote!(#tracing::Level::ERROR);
    let err_level = names.levels.err.as_ref().unwrap_or(&error);
    // With `err`, as with `#[tracing::instrument]`: `Ok(x)` records `x`, and an `Err` only its
    // error event.
    let ok = Ident::new("__modsmith_ok", Span::mixed_site());
    let ret = match &plan.ret {
        Ret::No => None,
        // Recorded when the value can be shown as asked, like the arguments.
        Ret::IfShown(event) => {
            let level = ret_level;
            let shown = if plan.err.is_some() { &ok } else { result };
            let recorded = match event.format {
                Format::Debug => quote!({
                    #[allow(unused_imports)]
                    use #inst::{RecordDebug as _, RecordNothing as _};
                    (&#inst::Arg(&#shown)).recorded()
                }),
                Format::Display => quote!({
                    #[allow(unused_imports)]
                    use #inst::{RecordDisplay as _, RecordNothing as _};
                    (&#inst::Arg(&#shown)).recorded()
                }),
            };
            let emit = quote!(
                if let ::core::option::Option::Some(#value) = #recorded {
                    #tracing::event!(target: #target, #level, r#return = #value);
                }
            );
            Some(if plan.err.is_some() {
                quote!(if let ::core::result::Result::Ok(#ok) = &#result { #emit })
            } else {
                emit
            })
        }
        // Spanned at `ret`, where a return type that cannot be shown is then reported.
        Ret::Checked(event) => {
            let at = event.key;
            let level = ret_level;
            let (shown_as, sigil) = match event.format {
                Format::Debug => (quote_spanned!(at=> ::core::fmt::Debug), quote!(?)),
                Format::Display => (quote_spanned!(at=> ::core::fmt::Display), quote!(%)),
            };
            // Named where `ret` is written (same hygiene, another location), so the
            // compiler's "doesn't implement `Debug`" points there.
            if plan.err.is_some() {
                let ok_at = Ident::new("__modsmith_ok", Span::mixed_site().located_at(at));
                let shown = quote_spanned!(at=> let #value: &dyn #shown_as = #ok_at;);
                Some(quote!(
                    if let ::core::result::Result::Ok(#ok_at) = &#result {
                        #shown
                        #tracing::event!(target: #target, #level, r#return = #sigil #value);
                    }
                ))
            } else {
                let mut result_at_ret = result.clone();
                result_at_ret.set_span(result.span().located_at(at));
                let shown = quote_spanned!(at=> let #value: &dyn #shown_as = &#result_at_ret;);
                Some(quote!({
                    #shown
                    #tracing::event!(target: #target, #level, r#return = #sigil #value);
                }))
            }
        }
    };
    let err = plan.err.as_ref().map(|event| {
        let at = event.key;
        let error = Ident::new("__modsmith_error", Span::mixed_site());
        let level = err_level;
        let error_at_err = Ident::new("__modsmith_error", Span::mixed_site().located_at(at));
        // Asked for where `err` is written: an error type that cannot be shown so is
        // reported there, saying what to write.
        let shown = match event.format {
            Format::Display => {
                let display = quote_spanned!(at=> dyn #inst::ErrorDisplay);
                quote!(let #error: &#display = #error_at_err;)
            }
            Format::Debug => {
                let debug = quote_spanned!(at=> dyn ::core::fmt::Debug);
                quote!(let #error: &#debug = #error_at_err;)
            }
        };
        let sigil = match event.format {
            Format::Display => quote!(%),
            Format::Debug => quote!(?),
        };
        quote!(
            if let ::core::result::Result::Err(#error_at_err) = &#result {
                #shown
                #tracing::event!(target: #target, #level, error = #sigil #error);
            }
        )
    });
    quote!(#ret #err)
}

/// The end of a function that builds its future by hand: an async block, alone or in
/// `Box::pin(..)` (what `#[async_trait]` makes of an `async fn`), after any statements.
struct TailFuture<'a> {
    /// The statements before it, kept as they are.
    before: &'a [Stmt],
    /// The `Box::pin` path, as written, when the block is pinned.
    pin: Option<&'a Expr>,
    /// The async block.
    future: &'a ExprAsync,
}

impl<'a> TailFuture<'a> {
    fn find(block: &'a Block) -> Option<Self> {
        let (Stmt::Expr(tail, None), before) = block.stmts.split_last()? else {
            return None;
        };
        match tail {
            Expr::Async(future) => Some(TailFuture {
                before,
                pin: None,
                future,
            }),
            Expr::Call(call) if call.attrs.is_empty() => {
                let Expr::Path(function) = &*call.func else {
                    return None;
                };
                let segments: Vec<_> = function.path.segments.iter().map(|s| &s.ident).collect();
                let is_box_pin = matches!(segments.as_slice(),
                    [.., boxed, pin] if *boxed == "Box" && *pin == "pin");
                match (is_box_pin, call.args.len(), call.args.first()) {
                    (true, 1, Some(Expr::Async(future))) => Some(TailFuture {
                        before,
                        pin: Some(&call.func),
                        future,
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
