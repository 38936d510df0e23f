//! Tokens → model: the derive input's shape and its `#[model(..)]` options, read with darling
//! (unknown keys get a did-you-mean). Every field is read even after an earlier one failed.

use darling::ast::NestedMeta;
use darling::{FromAttributes, FromMeta};
use proc_macro2::Span;
use syn::DeriveInput;

use crate::common::derive_input::{ParsedField, ParsedStruct, named_fields};
use crate::common::errors::Errors;
use crate::common::options::{CratePath, FnPath, Keyed, Switch, Text, items_with_types};

/// A struct deriving `Model`.
pub type ParsedModel<'a> = ParsedStruct<'a, ModelOptions, FieldOptions>;

/// One of its fields.
pub type ParsedModelField<'a> = ParsedField<'a, FieldOptions>;

/// `#[model(..)]` on the struct.
#[derive(FromMeta, Default)]
pub struct ModelOptions {
    /// `crate = path`: where `modsmith` is, when renamed.
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
    /// `meta(key = "value", ..)`: metadata of the shape.
    pub meta: Option<Keyed<MetaPairs>>,
    /// `name = ".."`: the name in the shape and the registry, instead of the type's.
    pub name: Option<Keyed<Text>>,
    /// `on_create = path`: run after every construction.
    pub on_create: Option<Keyed<FnPath>>,
    /// `on_change = path`: run after every successful change of a field.
    pub on_change: Option<Keyed<FnPath>>,
    /// `kind = dyn Trait` entries are read before darling sees the list (no `Meta` parses a
    /// type): this field puts `kind` among the keys a typo is matched against, and refuses a
    /// `kind` written without a type.
    #[allow(dead_code, reason = "never set: reading it is always an error")]
    kind: Option<KindWithoutType>,
    /// The `kind = dyn Trait` entries, in the order written.
    #[darling(skip)]
    pub kinds: Vec<Keyed<syn::Type>>,
    /// `#[serde(rename_all = "..")]`, so that the values' names agree with serde's.
    #[darling(skip)]
    pub serde_rename_all: Option<String>,
}

/// A `kind` that reached darling: one without `= Type`.
struct KindWithoutType;

impl FromMeta for KindWithoutType {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        Err(darling::Error::custom(
            "`kind` takes the trait object type the model registers under: `kind = dyn Plugin`",
        )
        .with_span(item))
    }
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
    /// `#[serde(rename = "..")]`, so that the values' names agree with serde's.
    #[darling(skip)]
    pub serde_rename: Option<String>,
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
    let (items, kinds) = items_with_types(&input.attrs, "model", "kind", errors);
    let mut options = errors
        .handle(ModelOptions::from_list(&items))
        .unwrap_or_default();
    options.kinds = kinds;
    options.serde_rename_all = serde_text(&input.attrs, "rename_all");
    let fields = fields
        .into_iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let mut options = errors
                .handle(FieldOptions::from_attributes(&field.attrs))
                .unwrap_or_default();
            options.serde_rename = serde_text(&field.attrs, "rename");
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

/// The name serde serializes under, from `key = ".."` or `key(serialize = "..")` in the
/// `#[serde(..)]` attributes, read leniently: serde reports its own attributes' errors. The
/// serialized name, because that is the one `Value::from_serde` gives.
fn serde_text(attrs: &[syn::Attribute], key: &str) -> Option<String> {
    let text = |expr: &syn::Expr| match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    };
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .filter_map(|attr| {
            let syn::Meta::List(list) = &attr.meta else {
                return None;
            };
            NestedMeta::parse_meta_list(list.tokens.clone()).ok()
        })
        .flatten()
        .find_map(|item| match item {
            NestedMeta::Meta(syn::Meta::NameValue(pair)) if pair.path.is_ident(key) => {
                text(&pair.value)
            }
            NestedMeta::Meta(syn::Meta::List(list)) if list.path.is_ident(key) => {
                NestedMeta::parse_meta_list(list.tokens.clone())
                    .ok()?
                    .into_iter()
                    .find_map(|item| match item {
                        NestedMeta::Meta(syn::Meta::NameValue(pair))
                            if pair.path.is_ident("serialize") =>
                        {
                            text(&pair.value)
                        }
                        _ => None,
                    })
            }
            _ => None,
        })
}
