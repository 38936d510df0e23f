//! Expansion snapshots of `#[instrument]`: a plain function, an async one with every
//! reporting option, and a block with merged options.

use expect_test::expect_file;
use quote::quote;

use super::support::pretty;
use crate::common::entry::Expansion;

fn check(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
    expected: expect_test::ExpectFile,
) {
    match crate::instrument::expand(args, item) {
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
