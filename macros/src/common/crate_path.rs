//! The path generated code uses to reach the facade crate.

use syn::Path;

/// `::modsmith` unless the user renamed the dependency with `crate = path`.
pub fn crate_path(user_path: Option<&Path>) -> Path {
    match user_path {
        Some(path) => path.clone(),
        None => syn::parse_quote!(::modsmith),
    }
}
