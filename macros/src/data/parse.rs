//! Tokens → model: the derive input and its `#[data(..)]` attributes, read with darling
//! (which reports unknown keys with did-you-mean, duplicates and values of the wrong kind).
//! Every field is read even after an earlier one failed, so one build shows every error.

use darling::util::{Override, PreservedStrExpr};
use darling::{FromAttributes, FromMeta};
use syn::{DeriveInput, Expr};

use crate::common::crate_path::lenient_crate_path;
use crate::common::derive_input::{self, named_fields};
use crate::common::errors::Errors;
use crate::common::options::{CratePath, FnPath, Keyed, Switch, missing_values};

/// A struct deriving `Data`, with its options read but not yet checked against each other.
pub type ParsedStruct<'a> = derive_input::ParsedStruct<'a, StructOptions, FieldOptions>;

pub type ParsedField<'a> = derive_input::ParsedField<'a, FieldOptions>;

/// `#[data(..)]` on the struct.
#[derive(FromAttributes, Default)]
#[darling(attributes(data))]
pub struct StructOptions {
    /// `validate = path`: a whole-struct check, `fn(&Self) -> Result<(), E>`.
    pub validate: Option<FnPath>,
    /// `crate = path`: where the `modsmith` crate is, when renamed.
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
    /// `builder = Name` or `builder(name = Name, derive(Clone, Debug))`: the builder type's
    /// name (`{Struct}Builder` by default), for a struct whose module already has a type of
    /// that name, and the traits it implements.
    pub builder: Option<Keyed<BuilderOptions>>,
    /// `deserialize`: a `serde::Deserialize` that validates.
    pub deserialize: Switch,
    /// `set`: a `set_*(&mut self, value)` per field. Opt-in, as in getset and bon: each is
    /// a method per field that every build of the crate compiles, about a tenth of an
    /// incremental rebuild (`benches/RESULTS.md`).
    pub set: Switch,
    /// `with`: a `with_*(self, value) -> Self` per field; opt-in for the same reason.
    pub with: Switch,
}

/// `#[data(..)]` on a field.
#[derive(FromAttributes, Default)]
#[darling(attributes(data))]
pub struct FieldOptions {
    /// `default` (use `Default::default()`) or `default = expr`.
    pub default: Option<Keyed<Override<PreservedStrExpr>>>,
    /// `required`: an `Option<..>` field that `new` and the builder require anyway.
    pub required: Switch,
    /// `into`: parameters and setters take `impl Into<T>`.
    pub into: Switch,
    /// `validate(..)`: the field's validators.
    pub validate: Option<Keyed<FieldValidators>>,
    /// `skip(getter, setter)`: generated items to leave out.
    pub skip: Option<Keyed<SkipItems>>,
    /// Read only to refuse it with a pointer to the struct, where it belongs.
    pub deserialize: Switch,
}

/// `validate(..)` on a field, which also explains `validate = path` there: that form is the
/// struct's whole-struct check.
#[derive(Default)]
pub struct FieldValidators(pub Validators);

impl FromMeta for FieldValidators {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        match item {
            syn::Meta::NameValue(name_value) => Err(darling::Error::custom(
                "on a field, `validate` takes a list of validators: \
                 `validate(custom = path::to::check)`; `validate = path` is the whole-struct \
                 check and goes in `#[data(..)]` on the struct",
            )
            .with_span(&name_value.value)),
            _ => Validators::from_meta(item).map(FieldValidators),
        }
    }
}

impl std::ops::Deref for FieldValidators {
    type Target = Validators;

    fn deref(&self) -> &Validators {
        &self.0
    }
}

/// The contents of `validate(..)` on a field.
#[derive(FromMeta, Default)]
#[darling(from_word = validate_needs_validators)]
pub struct Validators {
    pub range: Option<Keyed<Bounds>>,
    pub length: Option<Keyed<Bounds>>,
    pub non_empty: Switch,
    pub custom: Option<Keyed<FnPath>>,
}

/// `min = .., max = ..` of `range(..)` and `length(..)`.
#[derive(FromMeta)]
#[darling(from_word = bounds_needed)]
pub struct Bounds {
    pub min: Option<Bound>,
    pub max: Option<Bound>,
}

/// One bound of `range(..)` or `length(..)`: any expression but a string literal. darling
/// would parse a string's contents as code, so `min = "5"` would mean 5 and `min = "a"` a
/// variable `a`; a bound is written as the value itself.
pub struct Bound(pub Expr);

impl FromMeta for Bound {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        let key = darling::util::path_to_string(item.path());
        let syn::Meta::NameValue(name_value) = item else {
            return Err(darling::Error::custom(format!(
                "`{key}` needs a value: a number (`{key} = 1`, `{key} = -0.5`) or a constant \
                 (`{key} = MIN_LEVEL`)"
            ))
            .with_span(item));
        };
        let value = &name_value.value;
        match string_literal(value) {
            Some(text) => {
                let written = text.value();
                let instead = if syn::parse_str::<syn::Lit>(written.trim())
                    .is_ok_and(|lit| matches!(lit, syn::Lit::Int(_) | syn::Lit::Float(_)))
                {
                    format!(
                        "write the number without quotes: `{key} = {}`",
                        written.trim()
                    )
                } else {
                    format!(
                        "write a number (`{key} = 1`, `{key} = -0.5`) or the path of a constant \
                         (`{key} = MIN_LEVEL`)"
                    )
                };
                Err(darling::Error::custom(format!(
                    "`{key}` is a bound to compare with, not a string; {instead}"
                ))
                .with_span(value))
            }
            None => Ok(Bound(value.clone())),
        }
    }
}

impl std::ops::Deref for Bound {
    type Target = Expr;

    fn deref(&self) -> &Expr {
        &self.0
    }
}

fn string_literal(expr: &Expr) -> Option<&syn::LitStr> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text),
        Expr::Group(group) => string_literal(&group.expr),
        _ => None,
    }
}

/// The contents of `skip(..)` on a field.
#[derive(FromMeta, Default)]
#[darling(from_word = skip_needs_items)]
pub struct SkipItems {
    /// No getter method.
    pub getter: Switch,
    /// No `set_*` / `with_*` methods.
    pub setter: Switch,
}

fn validate_needs_validators() -> darling::Result<Validators> {
    Err(darling::Error::custom(
        "`validate` needs a list of validators, e.g. `validate(non_empty)`, \
         `validate(range(min = 1, max = 10))`, `validate(length(max = 64))` or \
         `validate(custom = path::to::check)`",
    ))
}

fn bounds_needed() -> darling::Result<Bounds> {
    Err(darling::Error::custom(
        "this validator needs bounds: `range(min = 1, max = 10)`, `length(max = 64)`; \
         `min`, `max` or both",
    ))
}

fn skip_needs_items() -> darling::Result<SkipItems> {
    Err(darling::Error::custom(
        "`skip` needs what to leave out: `skip(getter)`, `skip(setter)` or `skip(getter, setter)`",
    ))
}

/// Reads the input. Only a wrong shape (enum, union, tuple struct) is returned as an error:
/// nothing else is worth checking then. Option errors go to `errors`; the options that could
/// not be read are replaced by the defaults, so that validation still checks every field and
/// the code generated next to the errors still has every field.
pub fn parse<'a>(
    input: &'a DeriveInput,
    errors: &mut Errors,
) -> Result<ParsedStruct<'a>, syn::Error> {
    let named_fields = named_fields(input, "#[derive(Data)]", |name| {
        format!(
            "write `struct {name} {{ field: Type, .. }}`, or derive `Data` on a struct held by \
             each variant"
        )
    })?;
    let options = read_options(&input.attrs, errors).unwrap_or_else(|| StructOptions {
        krate: lenient_crate_path(&input.attrs, "data").map(CratePath),
        ..StructOptions::default()
    });
    let fields = named_fields
        .into_iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let options = read_options(&field.attrs, errors).unwrap_or_default();
            Some(ParsedField {
                field,
                ident,
                options,
            })
        })
        .collect();
    Ok(ParsedStruct {
        input,
        options,
        fields,
    })
}

/// The `#[data(..)]` options in `attrs`, or `None` when they could not be read (the errors
/// are pushed). A `key =` without a value is reported at its key, not by darling: syn's
/// "unexpected end of input" would point at the derive.
fn read_options<T: FromAttributes>(attrs: &[syn::Attribute], errors: &mut Errors) -> Option<T> {
    let missing = missing_values(attrs, "data");
    if missing.is_empty() {
        errors.handle(T::from_attributes(attrs))
    } else {
        missing.into_iter().for_each(|error| errors.push(error));
        None
    }
}

/// `builder = Name` or `builder(name = Name, derive(Clone, Debug))`.
#[derive(Default)]
pub struct BuilderOptions {
    pub name: Option<syn::Ident>,
    pub clone: bool,
    pub debug: bool,
}

impl FromMeta for BuilderOptions {
    fn from_expr(expr: &syn::Expr) -> darling::Result<Self> {
        Ok(BuilderOptions {
            name: Some(syn::Ident::from_expr(expr)?),
            ..BuilderOptions::default()
        })
    }

    fn from_list(items: &[darling::ast::NestedMeta]) -> darling::Result<Self> {
        use darling::ast::NestedMeta;
        use syn::Meta;
        let mut options = BuilderOptions::default();
        let mut errors = darling::Error::accumulator();
        for item in items {
            match item {
                NestedMeta::Meta(Meta::NameValue(name_value))
                    if name_value.path.is_ident("name") =>
                {
                    options.name = errors.handle(syn::Ident::from_expr(&name_value.value));
                }
                NestedMeta::Meta(Meta::List(list)) if list.path.is_ident("derive") => {
                    let derived = errors.handle(
                        NestedMeta::parse_meta_list(list.tokens.clone())
                            .map_err(darling::Error::from),
                    );
                    for derive in derived.into_iter().flatten() {
                        match &derive {
                            NestedMeta::Meta(Meta::Path(path)) if path.is_ident("Clone") => {
                                options.clone = true;
                            }
                            NestedMeta::Meta(Meta::Path(path)) if path.is_ident("Debug") => {
                                options.debug = true;
                            }
                            other => errors.push(
                                darling::Error::custom(
                                    "a builder derives `Clone` and `Debug`: write \
                                     `derive(Clone, Debug)` or one of them",
                                )
                                .with_span(other),
                            ),
                        }
                    }
                }
                other => errors.push(
                    darling::Error::custom(
                        "write `builder = Name`, or `builder(name = Name, derive(Clone, Debug))` \
                         with either part",
                    )
                    .with_span(other),
                ),
            }
        }
        errors.finish_with(options)
    }
}
