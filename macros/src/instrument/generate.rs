//! Checked model → tokens: a function body wrapped in its span. Reports no user errors.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Block, Expr, ExprAsync, Ident, Stmt};

use super::parse::ErrOption;
use super::validate::{Plan, Ret};
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

fn statements(
    plan: &Plan,
    krate: &syn::Path,
    signature: &FnSignature,
    block: &Block,
) -> TokenStream {
    let inst = quote!(#krate::__private::instrument);
    let tracing = quote!(#inst::tracing);
    let level = format_ident!("{}", plan.level.constant());
    let target = match &plan.target {
        Some(target) => quote!(#target),
        None => quote!(::core::module_path!()),
    };
    let name = &plan.span_name;
    let fields = plan.fields.iter().map(|field| {
        let (name, ident) = (&field.name, &field.ident);
        if field.redacted {
            quote!(#name = #inst::REDACTED)
        } else {
            quote!(#name = ::core::option::Option::map(
                {
                    #[allow(unused_imports)]
                    use #inst::{RecordDebug as _, RecordNothing as _};
                    (&#inst::Arg(&#ident)).recorded()
                },
                #tracing::field::debug,
            ))
        }
    });
    let elapsed = plan
        .time
        .then(|| quote!(elapsed_us = #tracing::field::Empty));
    let span = Ident::new("__modsmith_span", Span::mixed_site());
    let result = Ident::new("__modsmith_result", Span::mixed_site());
    let new_span = quote! {
        #tracing::span!(
            target: #target,
            #tracing::Level::#level,
            #name,
            #( #fields, )*
            #elapsed
        )
    };
    // With tracing's `log` feature and no subscriber, spans become `log` records, as with
    // `#[tracing::instrument]`; without that feature the second check is a constant `false`.
    let enabled = quote!(
        #tracing::level_enabled!(#tracing::Level::#level)
            || #tracing::if_log_enabled!(#tracing::Level::#level, { true } else { false })
    );
    let report = report(plan, &inst, &tracing, &target, &level, &result);
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
    let new_or_none = quote!(if #enabled { #new_span } else { #tracing::Span::none() });
    if signature.is_async {
        let inner = future(quote!(async move #block));
        return quote!(
            let #span = #new_or_none;
            #keep_timed
            #tracing::Instrument::instrument(#inner, #span).await
        );
    }
    if let Some(boxed) = BoxedFuture::find(block) {
        // An `async fn` as `#[async_trait]` rewrites it: the span covers the boxed future,
        // not the call that builds it. Created at the call, as `#[tracing::instrument]`
        // does for this shape.
        let BoxedFuture {
            pin,
            future: user_future,
        } = boxed;
        let inner = future(quote!(#user_future));
        return quote!(
            let #span = #new_or_none;
            #keep_timed
            #pin(#tracing::Instrument::instrument(#inner, #span))
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
            #entered = #span.enter();
            #start_timer
        }
    };
    if report.is_empty() {
        // The body's statements, not the body as a nested block: a one-expression body nested
        // as the tail of our block would trip `unused_braces` in every user's build.
        let statements = &block.stmts;
        return quote!(
            #enter
            #( #statements )*
        );
    }
    // A closure catches `return` and `?` so the result can be reported.
    let annotation = signature.closure_return_type().map(|ty| quote!(-> #ty));
    quote!(
        #enter
        #[allow(clippy::redundant_closure_call)]
        let #result = (move || #annotation #block)();
        #report
        #result
    )
}

/// Events for `ret` and `err`, emitted inside the span.
fn report(
    plan: &Plan,
    instrument_path: &TokenStream,
    tracing: &TokenStream,
    target: &TokenStream,
    level: &Ident,
    result: &Ident,
) -> TokenStream {
    let value = Ident::new("__modsmith_value", Span::mixed_site());
    let ret = match plan.ret {
        Ret::No => None,
        // Recorded with `Debug` when the return type has it, like the arguments.
        Ret::IfDebug => Some(quote!(
            if let ::core::option::Option::Some(#value) = {
                #[allow(unused_imports)]
                use #instrument_path::{RecordDebug as _, RecordNothing as _};
                (&#instrument_path::Arg(&#result)).recorded()
            } {
                #tracing::event!(target: #target, #tracing::Level::#level, r#return = ?#value);
            }
        )),
        // Spanned at `ret`, where a return type without `Debug` is then reported.
        Ret::Debug(at) => {
            // Named where `ret` is written (same hygiene, another location), so the
            // compiler's "doesn't implement `Debug`" points there.
            let mut result_at_ret = result.clone();
            result_at_ret.set_span(result.span().located_at(at));
            if plan.err.is_some() {
                // With `err`, as with `#[tracing::instrument]`: `Ok(x)` records `x`, and an
                // `Err` only its error event.
                let ok = Ident::new("__modsmith_ok", Span::mixed_site().located_at(at));
                let shown = quote_spanned!(at=> let #value: &dyn ::core::fmt::Debug = #ok;);
                Some(quote!(
                    if let ::core::result::Result::Ok(#ok) = &#result_at_ret {
                        #shown
                        #tracing::event!(target: #target, #tracing::Level::#level, r#return = ?#value);
                    }
                ))
            } else {
                let shown =
                    quote_spanned!(at=> let #value: &dyn ::core::fmt::Debug = &#result_at_ret;);
                Some(quote!({
                    #shown
                    #tracing::event!(target: #target, #tracing::Level::#level, r#return = ?#value);
                }))
            }
        }
    };
    let err = plan.err.map(|mode| {
        let error = Ident::new("__modsmith_error", Span::mixed_site());
        let shown = match mode {
            ErrOption::Display => quote!(%#error),
            ErrOption::Debug => quote!(?#error),
        };
        quote!(
            if let ::core::result::Result::Err(#error) = &#result {
                #tracing::event!(target: #target, #tracing::Level::ERROR, error = #shown);
            }
        )
    });
    quote!(#ret #err)
}

/// A body that is only `Box::pin(async move { .. })`: the shape `#[async_trait]` gives an
/// `async fn` in a trait or trait impl. (With statements before it, which may move the
/// parameters the span records, the body is instrumented as any other.)
struct BoxedFuture<'a> {
    /// The `Box::pin` path, as written.
    pin: &'a Expr,
    /// The async block.
    future: &'a ExprAsync,
}

impl<'a> BoxedFuture<'a> {
    fn find(block: &'a Block) -> Option<Self> {
        let [Stmt::Expr(Expr::Call(call), None)] = block.stmts.as_slice() else {
            return None;
        };
        if !call.attrs.is_empty() {
            return None;
        }
        let Expr::Path(function) = &*call.func else {
            return None;
        };
        let segments: Vec<_> = function.path.segments.iter().map(|s| &s.ident).collect();
        let is_box_pin =
            matches!(segments.as_slice(), [.., boxed, pin] if *boxed == "Box" && *pin == "pin");
        match (is_box_pin, call.args.len(), call.args.first()) {
            (true, 1, Some(Expr::Async(future))) => Some(BoxedFuture {
                pin: &call.func,
                future,
            }),
            _ => None,
        }
    }
}
