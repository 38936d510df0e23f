//! Expansion snapshots of `api_client!`.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

#[test]
fn pet_store() {
    let input = quote! {
        /// The Pet Store API.
        #[client(base_url = "https://petstore.example/v2", auth = bearer, timeout = "10s", retries = 2)]
        #[headers("Accept" = "application/json", "User-Agent" = "petstore-rs")]
        pub struct PetStore {
            /// Fetch one pet.
            #[get("/pets/{id}")]
            fn get_pet(id: u64) -> Pet;

            #[get("/pets")]
            fn list_pets(#[query] limit: Option<u32>, #[query(rename = "tag")] tag_filter: Option<&str>) -> Vec<Pet>;

            #[post("/pets")]
            #[idempotent]
            fn create_pet(#[body] pet: &NewPet) -> Pet;

            #[put("/pets/{id}/photo")]
            fn upload_photo(id: u64, #[header("X-Request-Id")] request_id: &str, #[body(bytes)] data: Vec<u8>);

            #[delete("/pets/{id}")]
            fn delete_pet(id: u64);

            #[post("/raw")]
            fn raw(#[body(form)] form: &Form) -> modsmith::http::Response;
        }
    };
    match crate::api_client::run(input) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/api_client/pet_store.txt"].assert_eq(&pretty(tokens))
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn api_key_in_query_and_no_options() {
    let input = quote! {
        #[client(base_url = "http://localhost:8080", auth = api_key(query = "key"))]
        struct Tiny {
            #[head("/ping")]
            fn ping();
        }
    };
    match crate::api_client::run(input) {
        Expansion::Ok(tokens) => {
            expect_file!["snapshots/api_client/tiny.txt"].assert_eq(&pretty(tokens))
        }
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn errors_keep_the_valid_endpoints() {
    let input = quote! {
        #[client(base_url = "ftp://nope", retires = 2)]
        pub struct Broken {
            #[get("/ok/{id}")]
            fn ok(id: u64);
            #[get("/bad/{idd}")]
            fn bad(id: u64);
        }
    };
    let Expansion::Err { errors, fallback } = crate::api_client::run(input) else {
        panic!("expected errors");
    };
    let messages: Vec<String> = errors.into_iter().map(|error| error.to_string()).collect();
    assert!(
        messages.iter().any(|message| message.contains("retires")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|message| message.contains("ftp://nope")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|message| message.contains("(did you mean `idd`?)")),
        "{messages:?}"
    );
    let fallback = pretty(fallback);
    assert!(fallback.contains("fn ok("), "{fallback}");
    assert!(fallback.contains("pub struct Broken"), "{fallback}");
}

/// Thin generated code: what each endpoint adds to the expansion (both clients together),
/// formatted as rustfmt would, stays within 40 lines. Printed for `benches/RESULTS.md`.
#[test]
fn at_most_40_expanded_lines_per_endpoint() {
    let client = |endpoints: usize| {
        let endpoints = (0..endpoints).map(|index| {
            let name = quote::format_ident!("get_item_{index}");
            let route = format!("/items/{index}/{{id}}");
            quote! {
                /// Fetch one item.
                #[get(#route)]
                fn #name(id: u64, #[query] verbose: Option<bool>) -> Item;
            }
        });
        let input = quote! {
            #[client(base_url = "https://api.example.com", auth = bearer, retries = 2)]
            pub struct Api { #( #endpoints )* }
        };
        match crate::api_client::run(input) {
            Expansion::Ok(tokens) => pretty(tokens).lines().count(),
            Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
        }
    };
    let per_endpoint = (client(100) - client(0)) as f64 / 100.0;
    println!(
        "expanded lines per endpoint: {per_endpoint:.1} (100 endpoints: {} lines)",
        client(100)
    );
    assert!(per_endpoint <= 40.0, "{per_endpoint} lines per endpoint");
}

/// Recovery in the list of endpoints: one that does not parse is the only error, and the code
/// emitted next to it still has the client and every other endpoint, for the code that uses
/// them.
#[test]
fn an_endpoint_that_does_not_parse_leaves_the_others() {
    let input = quote! {
        #[client(base_url = "https://petstore.example/v2")]
        pub struct Pets {
            #[get("/pets/{id}")]
            fn get_pet(id: u64) -> Pet;
            #[delete("/pets/{id}")]
            fn delete_pet(id);
            #[get("/pets")]
            fn list_pets(#[query] limit: u32) -> Vec<Pet>;
        }
    };
    let Expansion::Err { errors, fallback } = crate::api_client::run(input) else {
        panic!("expected errors");
    };
    let messages: Vec<String> = errors.into_iter().map(|error| error.to_string()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].starts_with("expected `:`; "), "{messages:?}");
    let fallback = pretty(fallback);
    for expected in [
        "pub struct Pets<",
        "pub struct PetsBlocking<",
        "fn get_pet(",
        "fn list_pets(",
    ] {
        assert!(
            fallback.contains(expected),
            "no `{expected}` in:\n{fallback}"
        );
    }
    assert!(!fallback.contains("delete_pet"), "{fallback}");
}

/// The names an endpoint may not take are exactly the constructors the client gets: the
/// inherent methods of a client without endpoints.
#[test]
fn reserved_endpoint_names_are_the_constructors() {
    let input = quote! {
        #[client(base_url = "https://api.example.com")]
        pub struct Empty {}
    };
    let Expansion::Ok(tokens) = crate::api_client::run(input) else {
        panic!("unexpected errors");
    };
    let file: syn::File = syn::parse2(tokens).expect("the expansion is valid Rust");
    let mut methods = Vec::new();
    for item in &file.items {
        let syn::Item::Const(constant) = item else {
            continue;
        };
        let syn::Expr::Block(block) = &*constant.expr else {
            continue;
        };
        for statement in &block.block.stmts {
            if let syn::Stmt::Item(syn::Item::Impl(inherent)) = statement
                && inherent.trait_.is_none()
            {
                for member in &inherent.items {
                    if let syn::ImplItem::Fn(function) = member {
                        methods.push(function.sig.ident.to_string());
                    }
                }
            }
        }
    }
    methods.sort();
    methods.dedup();
    let mut reserved = crate::api_client::names::CONSTRUCTORS.to_vec();
    reserved.sort();
    assert_eq!(methods, reserved);
}

/// Endpoint names that differ only in case (legal, if unusual) get distinct descriptors.
#[test]
fn endpoints_differing_in_case_get_their_own_descriptors() {
    let input = quote! {
        #[client(base_url = "https://api.example.com")]
        pub struct Pets {
            #[get("/pets")]
            fn pets();
            #[get("/PETS")]
            fn PETS();
        }
    };
    let Expansion::Ok(tokens) = crate::api_client::run(input) else {
        panic!("unexpected errors");
    };
    let file: syn::File = syn::parse2(tokens).expect("the expansion is valid Rust");
    let mut statics = Vec::new();
    for item in &file.items {
        if let syn::Item::Const(constant) = item
            && let syn::Expr::Block(block) = &*constant.expr
        {
            for statement in &block.block.stmts {
                if let syn::Stmt::Item(syn::Item::Static(descriptor)) = statement {
                    statics.push(descriptor.ident.to_string());
                }
            }
        }
    }
    let count = statics.len();
    statics.sort();
    statics.dedup();
    assert_eq!(
        statics.len(),
        count,
        "a static is defined twice: {statics:?}"
    );
    assert_eq!(
        count, 3,
        "CONFIG and one descriptor per endpoint: {statics:?}"
    );
}

#[test]
fn a_fallback_after_unreadable_options_names_the_renamed_crate() {
    let input = quote! {
        #[client(base_url = "https://api.example.com", retries = "three", crate = my_modsmith)]
        pub struct Pets {
            #[get("/pets")]
            fn list_pets() -> Vec<u8>;
        }
    };
    let Expansion::Err { fallback, .. } = crate::api_client::run(input) else {
        panic!("`retries = \"three\"` is an error");
    };
    let fallback = fallback.to_string();
    assert!(fallback.contains("my_modsmith :: __private"), "{fallback}");
    assert!(!fallback.contains(":: modsmith :: __private"), "{fallback}");
}
