//! Procedural macros of [modsmith](https://docs.rs/modsmith). Depend on `modsmith`, not on
//! this crate: generated code refers to `::modsmith::__private`, and the macros are
//! documented, with examples, where `modsmith` re-exports them.

mod adaptive;
mod api_client;
mod common;
mod composable;
mod compose;
mod data;
mod data_module;
mod export_module;
mod instrument;
mod model;
#[cfg(feature = "script")]
mod script;
mod template;
mod transform;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

// Each entry point's doc is written under `cfg(doc)`: rustdoc sees it when it documents this
// crate, but the compiled crate that the facade's docs read has none. Rustdoc appends a
// re-exported item's own doc to the re-export's, so each page of the facade (the one users
// read, with examples) would otherwise end in this crate's one-line summary.
#[cfg_attr(
    doc,
    doc = "Derives constructors, a builder, getters, setters, validation and \
    reflection. See `modsmith::Data`."
)]
// `serde`: the field and container attributes that `#[data(deserialize)]` hands to serde.
#[proc_macro_derive(Data, attributes(data, serde))]
pub fn derive_data(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("#[derive(Data)]", || match syn::parse2(input) {
        Ok(input) => data::run(&input),
        Err(error) => common::entry::Expansion::Err {
            errors: error,
            fallback: proc_macro2::TokenStream::new(),
        },
    })
    .into()
}

#[cfg_attr(
    doc,
    doc = "Derives `Model`: a struct read, changed, listed and built by field name \
    at run time. See `modsmith::Model`."
)]
#[proc_macro_derive(Model, attributes(model))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("#[derive(Model)]", || match syn::parse2(input) {
        Ok(input) => model::run(&input),
        Err(error) => common::entry::Expansion::Err {
            errors: error,
            fallback: proc_macro2::TokenStream::new(),
        },
    })
    .into()
}

#[cfg_attr(
    doc,
    doc = "Builds a module of `Data` structs from names and field lists. See \
    `modsmith::data_module!`."
)]
#[proc_macro]
pub fn data_module(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("data_module!", || data_module::run(input)).into()
}

#[cfg_attr(
    doc,
    doc = "Generates a typed HTTP API client, async and blocking, from a list of \
    endpoints. See `modsmith::api_client!`."
)]
#[proc_macro]
pub fn api_client(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("api_client!", || api_client::run(input)).into()
}

#[cfg_attr(
    doc,
    doc = "Wraps a function, or every function of an `impl` block or inline \
    module, in a `tracing` span. See `modsmith::instrument`."
)]
#[proc_macro_attribute]
pub fn instrument(args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, item) = (
        proc_macro2::TokenStream::from(args),
        proc_macro2::TokenStream::from(item),
    );
    common::entry::run("#[instrument]", || instrument::run(args, item)).into()
}

#[cfg_attr(
    doc,
    doc = "Applies an ordered pipeline of passes to every matching item of an \
    inline module. See `modsmith::transform`."
)]
#[proc_macro_attribute]
pub fn transform(args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, item) = (
        proc_macro2::TokenStream::from(args),
        proc_macro2::TokenStream::from(item),
    );
    common::entry::run("#[transform]", || transform::run(args, item)).into()
}

#[cfg_attr(
    doc,
    doc = "Exposes an inline module as a `DynModule` built on first use, leaving \
    the module as written. See `modsmith::export_module`."
)]
#[proc_macro_attribute]
pub fn export_module(args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, item) = (
        proc_macro2::TokenStream::from(args),
        proc_macro2::TokenStream::from(item),
    );
    common::entry::run("#[export_module]", || export_module::run(args, item)).into()
}

#[cfg_attr(
    doc,
    doc = "Makes every function of an inline module a slot: replaced, overridden \
    for a thread or a task, wrapped by middleware and inspected at run time, and called as \
    before. See `modsmith::adaptive`."
)]
#[proc_macro_attribute]
pub fn adaptive(args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, item) = (
        proc_macro2::TokenStream::from(args),
        proc_macro2::TokenStream::from(item),
    );
    common::entry::run("#[adaptive]", || adaptive::run(args, item)).into()
}

#[cfg_attr(
    doc,
    doc = "Leaves an inline module as written and adds what `compose!` reads its \
    members through. See `modsmith::composable`."
)]
#[proc_macro_attribute]
pub fn composable(args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, item) = (
        proc_macro2::TokenStream::from(args),
        proc_macro2::TokenStream::from(item),
    );
    common::entry::run("#[composable]", || composable::run(args, item)).into()
}

/// `compose!`'s first run, called by the facade's `compose!` with `$crate`. Not for direct
/// use.
#[doc(hidden)]
#[proc_macro]
pub fn __compose_start(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("compose!", || compose::run_start(input)).into()
}

/// `compose!`'s last run, called with every source's member list. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __compose_finish(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("compose!", || compose::run_finish(input)).into()
}

/// Compiles a module of the script language to Rust: called by `modsmith::script!` with
/// `$crate`. Not for direct use.
#[cfg(feature = "script")]
#[doc(hidden)]
#[proc_macro]
pub fn __script(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("script!", || script::run(input)).into()
}

#[cfg_attr(
    doc,
    doc = "Defines typed module templates, each a `macro_rules!` macro. See \
    `modsmith::template`."
)]
#[proc_macro]
pub fn template(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("template!", || template::run_definitions(input)).into()
}

/// Instantiates a template: called by the `macro_rules!` macro `template!` defines, with the
/// template's encoded definition and the caller's arguments. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __instantiate_template(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    common::entry::run("template instance", || template::run_instance(input)).into()
}
