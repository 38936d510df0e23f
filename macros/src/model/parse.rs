//! Tokens → model: the derive input's shape and its `#[model(..)]` options, read with darling
//! (unknown keys get a did-you-mean). Every field is read even after an earlier one failed.

use darling::ast::NestedMeta;
use darling::{FromAttributes, FromMeta};
use proc_macro2::Span;
use syn::DeriveInput;

use crate::common::derive_input::{ParsedField, ParsedStruct, named_fields};
use crate::common::errors::Errors;
use crate::common::options::{CratePath, Keyed, Switch, Text};

/// A struct deriving `Model`.
pub type ParsedModel<'a> = ParsedStruct<'a, ModelOptions, FieldOptions>;

/// `#[model(..)]` on the struct.
#[derive(FromAttributes, Default)]
#[darling(attributes(model))]
pub struct ModelOptions {
    /// `crate = path`: where `modsmith` is, when renamed.
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
    /// `meta(key = "value", ..)`: metadata of the shape.
    pub meta: Option<Keyed<MetaPairs>>,
}

/// `#[model(..)]` on a field.
#[derive(FromAttributes, Default)]
#[darling(attributes(model))]
pub struct FieldOptions {
    /// Leave the field out of the shape, `get`, `set` and the values; `from_values` fills
    /// it with its default.
    pub skip: Switch,
    /// `rename = ".."`: the field's name in the shape and the values.
    pub rename: Option<Keyed<Text>>,
}

/// `meta(table = "users", schema = "app")`, in the order written.
#[derive(Default)]
pub struct MetaPairs(pub Vec<(String, String, Span)>);

impl FromMeta for MetaPairs {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut pairs = Vec::new();
        let mut errors = darling::Error::accumulator();
        for item in items {
            let pair = match item {
                NestedMeta::Meta(syn::Meta::NameValue(pair)) => {
                    match (&pair.value, pair.path.get_ident()) {
                        (
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Str(value),
                                ..
                            }),
                            Some(key),
                        ) => Some((key.to_string(), value.value(), key.span())),
                        _ => None,
                    }
                }
                _ => None,
            };
            match pair {
                Some(pair) => pairs.push(pair),
                None => errors.push(
                    darling::Error::custom(
                        "`meta` takes `key = \"value\"` pairs, e.g. `meta(table = \"users\")`",
                    )
                    .with_span(item),
                ),
            }
        }
        errors.finish()?;
        Ok(MetaPairs(pairs))
    }
}

/// Reads the input; `None` (with the error pushed) when it is not a struct with named
/// fields, where nothing else is worth checking.
pub fn parse<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Option<ParsedModel<'a>> {
    let fields = match named_fields(input, "#[derive(Model)]", |_| {
        "derive `Model` on a struct (a field of the enum's type converts with `IntoValue` and \
         `FromValue`)"
            .to_owned()
    }) {
        Ok(fields) => fields,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let options = errors
        .handle(ModelOptions::from_attributes(&input.attrs))
        .unwrap_or_default();
    let fields = fields
        .into_iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let options = errors
                .handle(FieldOptions::from_attributes(&field.attrs))
                .unwrap_or_default();
            Some(ParsedField {
                field,
                ident,
                options,
            })
        })
        .collect();
    Some(ParsedModel {
        input,
        options,
        fields,
    })
}
