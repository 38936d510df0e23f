//! What every entry point does around its macro's pipeline (`run`): catch panics, and turn
//! errors into `compile_error!` next to a fallback.

use std::panic::{AssertUnwindSafe, catch_unwind};

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// The result of expanding one macro call.
pub enum Expansion {
    /// The generated code.
    Ok(TokenStream),
    /// User errors, and code to emit next to them so that names the user refers to still
    /// resolve (no cascade of secondary errors, rust-analyzer keeps working).
    Err {
        errors: syn::Error,
        fallback: TokenStream,
    },
}

impl Expansion {
    pub fn into_tokens(self) -> TokenStream {
        match self {
            Expansion::Ok(tokens) => tokens,
            Expansion::Err { errors, fallback } => {
                let errors = errors.to_compile_error();
                quote! { #errors #fallback }
            }
        }
    }
}

/// Runs a macro's pipeline, turning a panic into a `compile_error!` that says it is a
/// modsmith bug: no input may make rustc print "proc macro panicked".
pub fn run(macro_name: &str, pipeline: impl FnOnce() -> Expansion) -> TokenStream {
    match catch_unwind(AssertUnwindSafe(pipeline)) {
        Ok(expansion) => expansion.into_tokens(),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|message| (*message).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_owned());
            let message = format!(
                "modsmith bug: `{macro_name}` panicked ({detail}). This is a bug in modsmith, \
                 not in your code; please report it with the input that caused it"
            );
            syn::Error::new(Span::call_site(), message).to_compile_error()
        }
    }
}
