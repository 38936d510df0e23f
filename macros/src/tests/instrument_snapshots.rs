//! Expansion snapshots of `#[instrument]`: a plain function, an async one with every
//! reporting option, a block with merged options, and the boxed future `#[async_trait]` makes.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

fn check(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
    expected: expect_test::ExpectFile,
) {
    match crate::instrument::run(args, item) {
        Expansion::Ok(tokens) => expected.assert_eq(&pretty(tokens)),
        Expansion::Err { errors, .. } => panic!("unexpected errors: {errors}"),
    }
}

#[test]
fn plain_function() {
    check(
        quote!(),
        quote! {
            pub fn login(user: &str, password: &str, #[redact] pin: u16) -> bool {
                !user.is_empty() && password.len() > 3 && pin > 0
            }
        },
        expect_file!["snapshots/instrument/plain_function.txt"],
    );
}

#[test]
fn async_function_with_ret_err_time() {
    check(
        quote!(
            level = "debug",
            target = "api",
            ret,
            err(Debug),
            time,
            skip(client)
        ),
        quote! {
            async fn fetch(client: &Client, id: u64) -> Result<Item, Error> {
                client.get(id).await
            }
        },
        expect_file!["snapshots/instrument/async_function_with_ret_err_time.txt"],
    );
}

#[test]
fn impl_block_with_merged_options() {
    check(
        quote!(level = "debug", exclude = "helper_*"),
        quote! {
            impl Store for Memory {
                #[instrument(level = "warn", args(key))]
                fn put(&mut self, key: String, value: Vec<u8>) { self.0.insert(key, value); }
                #[instrument(skip)]
                fn len(&self) -> usize { self.0.len() }
                fn helper_debug(&self) {}
                const fn version() -> u8 { 1 }
            }
        },
        expect_file!["snapshots/instrument/impl_block_with_merged_options.txt"],
    );
}

#[test]
fn boxed_future_as_async_trait_writes_it() {
    check(
        quote!(err),
        quote! {
            fn load<'life0, 'async_trait>(
                &'life0 self,
                id: u64,
            ) -> ::core::pin::Pin<Box<dyn ::core::future::Future<Output = Result<u64, Error>> + ::core::marker::Send + 'async_trait>>
            where
                'life0: 'async_trait,
                Self: 'async_trait,
            {
                Box::pin(async move {
                    let __self = self;
                    let id = id;
                    let __ret: Result<u64, Error> = { __self.get(id).await };
                    #[allow(unreachable_code)]
                    __ret
                })
            }
        },
        expect_file!["snapshots/instrument/boxed_future_as_async_trait_writes_it.txt"],
    );
}

#[test]
fn a_fallback_after_unreadable_options_names_the_renamed_crate() {
    let args = quote!(crate = my_modsmith, level = 9);
    let item = quote!(
        fn get(id: u64) -> u64 {
            id
        }
    );
    let Expansion::Err { fallback, .. } = crate::instrument::run(args, item) else {
        panic!("`level = 9` is an error");
    };
    let fallback = fallback.to_string();
    assert!(fallback.contains("my_modsmith :: __private"), "{fallback}");
    assert!(!fallback.contains(":: modsmith :: __private"), "{fallback}");
}

/// Inside a block, only this macro's own attribute is read as a function's options; a
/// function with another crate's `#[tracing::instrument]` is left to it.
#[test]
fn another_crates_instrument_attribute_is_not_ours() {
    let item = quote!(
        impl Store {
            #[tracing::instrument(skip(key))]
            pub fn get(&self, key: u8) -> u8 {
                key
            }
            #[modsmith::instrument(skip)]
            pub fn quiet(&self) {}
        }
    );
    let Expansion::Ok(tokens) = crate::instrument::run(quote!(), item) else {
        panic!("valid");
    };
    let text = tokens.to_string();
    assert!(
        text.contains("# [tracing :: instrument (skip (key))]"),
        "{text}"
    );
    assert!(!text.contains("# [modsmith :: instrument"), "{text}");
    // `get` has its span from `tracing`, so the block leaves it alone; `quiet` opted out.
    assert_eq!(text.matches("span !").count(), 0, "{text}");
}
