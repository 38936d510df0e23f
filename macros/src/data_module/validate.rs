//! Model → checked model: names must be unique. A duplicate points at both places.

use std::collections::BTreeMap;

use syn::Ident;

use super::parse::ModuleInput;
use crate::common::errors::Errors;

pub fn validate(module: &ModuleInput) -> Result<(), syn::Error> {
    let mut errors = Errors::new();
    check_unique(
        module.entries.iter().map(|entry| &entry.ident),
        |name| format!("the struct `{name}` is defined twice in this module; rename one of them"),
        |name| format!("`{name}` first defined here"),
        &mut errors,
    );
    for entry in &module.entries {
        let struct_name = &entry.ident;
        check_unique(
            entry
                .fields
                .named
                .iter()
                .filter_map(|field| field.ident.as_ref()),
            |name| format!("`{struct_name}` has two fields named `{name}`; rename one of them"),
            |name| format!("`{name}` first declared here"),
            &mut errors,
        );
    }
    errors.finish_with(())
}

fn check_unique<'a>(
    names: impl Iterator<Item = &'a Ident>,
    duplicate: impl Fn(&Ident) -> String,
    first: impl Fn(&Ident) -> String,
    errors: &mut Errors,
) {
    let mut seen: BTreeMap<String, &Ident> = BTreeMap::new();
    for name in names {
        match seen.get(&name.to_string()) {
            Some(earlier) => {
                errors.spanned(name, duplicate(name));
                errors.spanned(earlier, first(earlier));
            }
            None => {
                seen.insert(name.to_string(), name);
            }
        }
    }
}
