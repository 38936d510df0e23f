//! `template!`: typed module templates. A definition becomes a `macro_rules!` macro that hands
//! its arguments, with the template's encoded definition, back to `__private::template::instantiate!`;
//! no state is kept between macro invocations. The facade's `__private::template::define!`
//! declares that macro, so that the path in it is modsmith's own `$crate`: an instance needs
//! no name for modsmith in the crate it is expanded in, and only the definition names
//! modsmith, as its crate does (`#[template(crate = path)]`).
//!
//! Stages: `parse` (tokens → definitions, in source or encoded form), `validate` (a parsed
//! definition → the `checked` one, its body resolved against its parameters), `define`
//! (checked definition → `macro_rules!`), `arguments` (a call → bindings, checked against
//! what the body makes of them), `substitute`
//! (checked body + bindings → tokens). `value` holds the parameter kinds, `build` the `${..}`
//! functions.
//!
//! A definition: source → parsed → checked → `macro_rules!` holding it encoded. An instance:
//! encoded → parsed → checked (again; it cannot fail for a definition that was checked when
//! defined) → with the call's bindings, substituted.

mod arguments;
mod build;
mod checked;
mod define;
mod parse;
mod substitute;
mod validate;
mod value;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};

use self::parse::Mode;
use crate::common::crate_path::crate_path;
use crate::common::entry::Expansion;
use crate::common::errors::Errors;
use crate::common::warning::Warnings;

/// `template! { .. }`: one `macro_rules!` per template.
pub fn run_definitions(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let definitions = parse::definitions(input, &mut errors);
    let mut tokens = TokenStream::new();
    let mut warnings = Warnings::new();
    for (definition, parsed_cleanly) in &definitions {
        let checked = validate::resolve(definition, *parsed_cleanly, &mut errors, &mut warnings);
        tokens.extend(match checked {
            Some(checked) => {
                let krate = crate_path(definition.krate.as_ref().map(|krate| &krate.0));
                define::macro_rules(&checked, &krate)
            }
            // A definition with errors, or one whose body lost pieces to a syntax error: its
            // errors are the ones to fix.
            None => define::placeholder(definition),
        });
    }
    tokens.extend(warnings.into_tokens());
    errors.into_expansion(tokens)
}

/// `__private::template::instantiate! { { <encoded definition> } <arguments> }`, from a template's
/// `macro_rules!`.
pub fn run_instance(input: TokenStream) -> Expansion {
    let mut errors = Errors::new();
    let mut trees = input.into_iter();
    let definition = match trees.next() {
        Some(TokenTree::Group(group)) => {
            let parser = |input: ParseStream| parse::definition(input, Mode::Encoded, &mut errors);
            parser.parse2(group.stream()).ok()
        }
        _ => None,
    };
    // The definition was checked when it was defined, so resolving its encoded copy fails
    // only for an encoding it does not expect. Its warnings were given then too; the copy
    // has none to give (a name in `concat` that is no parameter is encoded as text).
    let checked = definition
        .as_ref()
        .filter(|_| !errors.any())
        .and_then(|definition| {
            validate::resolve(definition, true, &mut errors, &mut Warnings::new())
        });
    let Some(checked) = checked else {
        // What failed to read is modsmith's own encoding, not the user's code: one error
        // that says so replaces the details.
        let _details = errors.finish();
        let mut errors = Errors::new();
        errors.at(
            proc_macro2::Span::call_site(),
            "modsmith could not read this template's definition: the crate that defines the \
             template and this crate must use the same version of modsmith",
        );
        return errors.into_expansion(TokenStream::new());
    };
    let definition = checked.definition;
    let template = definition.name.unraw().to_string();
    let call = arguments::bind(definition, trees.collect(), &mut errors);
    if !errors.any() {
        arguments::check_uses(&template, &checked.body, &call.bindings, &mut errors);
    }
    if errors.any() {
        // Nothing is pasted from a call with bad arguments: its errors are the ones to fix.
        // Its module is declared, empty, so that paths into it are not errors too.
        let fallback = match &call.module {
            Some(module) => {
                let (attrs, vis, name) = (&module.attrs, &module.vis, &module.name);
                quote!(#( #attrs )* #vis mod #name {})
            }
            None => TokenStream::new(),
        };
        return errors.into_expansion(fallback);
    }
    let body = substitute::substitute(&template, &checked.body, &call.bindings, &mut errors);
    if errors.any() {
        // Only a modsmith bug fails here (the call was checked): nothing is pasted.
        return errors.into_expansion(TokenStream::new());
    }
    let tokens = match call.module {
        Some(module) => {
            let (attrs, vis, name) = (module.attrs, module.vis, module.name);
            quote! {
                #( #attrs )*
                #vis mod #name {
                    // The arguments name the caller's items.
                    #[allow(unused_imports)]
                    use super::*;
                    #body
                }
            }
        }
        None => body,
    };
    errors.into_expansion(tokens)
}
