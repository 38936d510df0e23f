//! `#[derive(Data)]`: constructors, a type-state builder, getters, validating setters and
//! reflection for a struct with named fields.

mod deserialize;
mod generate;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;
use syn::ext::IdentExt;

#[cfg(test)]
pub use self::deserialize::generate as deserialize_tokens;
pub use self::generate::generate;
pub use self::validate::CheckedStruct;
use self::validate::{DefaultValue, Presence};
use crate::common::crate_path::{crate_path, lenient_crate_path};
use crate::common::entry::Expansion;
use crate::common::errors::Errors;

/// The derive: check, then generate. On errors, the model with the broken options left out
/// is generated next to them, so that `User::new`, the builder and the getters still exist
/// and the user sees only the real mistakes.
pub fn run(input: &DeriveInput) -> Expansion {
    let mut errors = Errors::new();
    let tokens = match check(input, &mut errors) {
        Some(model) => generate(&model),
        None => shape_fallback(input),
    };
    errors.into_expansion(tokens)
}

/// Parses and validates, pushing every user error into `errors`. Returns the model to
/// generate (see [`CheckedStruct`]), or `None` when the input is not a struct with named
/// fields at all.
pub fn check<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Option<CheckedStruct<'a>> {
    match parse::parse(input, errors) {
        Ok(parsed) => Some(validate::validate(parsed, errors)),
        Err(shape_error) => {
            errors.push(shape_error);
            None
        }
    }
}

/// What `#[derive(Data)]` says of a struct's fields, for another derive on the same struct
/// (`Model`): each field's default, and whether validators run.
pub struct DataDefaults {
    fields: Vec<(syn::Ident, DataDefault)>,
    /// A field validator or a whole-struct check exists: `Data::validate` does something.
    pub validated: bool,
}

/// A field's default, as `#[data]` gives it.
pub enum DataDefault {
    Required,
    /// The expression that initialises the field (it may name `__modsmith_Option`, which
    /// the caller brings into scope).
    Value(TokenStream),
}

impl DataDefaults {
    pub fn get(&self, field: &syn::Ident) -> Option<&DataDefault> {
        self.fields
            .iter()
            .find(|(ident, _)| ident == field)
            .map(|(_, default)| default)
    }
}

/// [`DataDefaults`] of `input`; `None` when it is not a struct `Data` accepts. `Data`'s own
/// errors are left for that derive to report, once.
pub fn data_defaults(input: &DeriveInput) -> Option<DataDefaults> {
    let mut errors_reported_by_data = Errors::new();
    let checked = check(input, &mut errors_reported_by_data);
    // Ended on purpose, unread: `#[derive(Data)]` on the same struct reports them.
    let _ = errors_reported_by_data.finish();
    let checked = checked?;
    let validated = checked.struct_check.is_some()
        || checked
            .fields
            .iter()
            .any(|field| !field.validators.is_empty());
    let fields = checked
        .fields
        .iter()
        .map(|field| {
            let default = match &field.presence {
                Presence::Required => DataDefault::Required,
                Presence::Optional(DefaultValue::Trait(_)) => {
                    DataDefault::Value(quote!(::core::default::Default::default()))
                }
                Presence::Optional(DefaultValue::Expr(expr)) => {
                    DataDefault::Value(generate::default_expr(expr, field.shape))
                }
            };
            (field.ident.clone(), default)
        })
        .collect();
    Some(DataDefaults { fields, validated })
}

/// Emitted next to the error for an enum, union or tuple struct: an empty `Data` impl, so
/// bounds such as `T: Data` elsewhere still hold.
fn shape_fallback(input: &DeriveInput) -> TokenStream {
    let krate = crate_path(lenient_crate_path(&input.attrs, "data").as_ref());
    let name = &input.ident;
    let name_text = name.unraw().to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::data::Data for #name #ty_generics #where_clause {
            const INFO: #krate::__private::data::DataInfo = #krate::__private::data::DataInfo::new(#name_text, &[]);
        }
    }
}
