//! The entry-point wrapper every macro runs in.
use crate::common::entry::{Expansion, run};

#[test]
fn a_panic_becomes_a_compile_error_naming_modsmith() {
    let tokens = run("#[derive(Data)]", || -> Expansion {
        panic!("index out of bounds")
    });
    let text = tokens.to_string();
    assert!(text.starts_with(":: core :: compile_error !"), "{text}");
    assert!(
        text.contains("modsmith bug: `#[derive(Data)]` panicked (index out of bounds)"),
        "{text}"
    );
}

#[test]
fn errors_are_emitted_before_the_fallback() {
    let expansion = Expansion::Err {
        errors: syn::Error::new(proc_macro2::Span::call_site(), "bad"),
        fallback: quote::quote!(
            struct Fallback;
        ),
    };
    let text = expansion.into_tokens().to_string();
    assert!(
        text.contains("compile_error ! { \"bad\" }") && text.ends_with("struct Fallback ;"),
        "{text}"
    );
}
