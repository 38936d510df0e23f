//! Helpers for the expansion snapshot and property tests of every macro.

use proc_macro2::TokenStream;

/// The tokens formatted as Rust source, as a reviewer would read the expansion.
pub fn pretty(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => panic!("expansion is not valid Rust ({error}):\n{tokens}"),
    }
}

/// Fails the test when the tokens are not a valid Rust file (without formatting them, which
/// prettyplease refuses for some valid-but-unusual items).
pub fn assert_valid_rust(tokens: TokenStream) {
    if let Err(error) = syn::parse2::<syn::File>(tokens.clone()) {
        panic!("expansion is not valid Rust ({error}):\n{tokens}");
    }
}

/// The `{ <encoded definition> }` group that `template!` hands to
/// `__private::template::define!` (`($) [attrs] name { definition } [after]`), for the
/// declared macro to hand on to `__private::template::instantiate!`.
pub fn encoded_template(tokens: TokenStream) -> Option<proc_macro2::TokenTree> {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        if let TokenTree::Ident(ident) = tree
            && ident == "define"
            && let Some(TokenTree::Ident(module)) =
                index.checked_sub(3).and_then(|at| trees.get(at))
            && module == "template"
            && let Some(TokenTree::Group(call)) = trees.get(index + 2)
        {
            return call.stream().into_iter().nth(3);
        }
        if let TokenTree::Group(group) = tree
            && let Some(found) = encoded_template(group.stream())
        {
            return Some(found);
        }
    }
    None
}
