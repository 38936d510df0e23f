//! Model → checked model: rules that span several options or need the field's type. Every
//! rule runs; all failures are reported together.

use std::collections::BTreeMap;

use darling::util::Override;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{DeriveInput, Expr, Ident, Lit, Path, Type};

use super::parse::{Bounds, FieldOptions, ParsedField, ParsedStruct, Validators};
use crate::common::crate_path::crate_path;
use crate::common::docs::doc_text;
use crate::common::errors::Errors;
use crate::common::options::Keyed;
use crate::common::source_text::source_text;
use crate::common::type_shape::{Primitive, TypeShape, type_shape};

/// A struct whose options are consistent: expansion can generate it without further checks.
pub struct DataStruct<'a> {
    pub input: &'a DeriveInput,
    pub krate: Path,
    pub struct_check: Option<Path>,
    pub fields: Vec<DataField<'a>>,
}

pub struct DataField<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub shape: TypeShape<'a>,
    pub doc: String,
    pub presence: Presence,
    pub into: bool,
    pub validators: Vec<Validator>,
    pub getter: Option<Getter<'a>>,
    pub setters: bool,
}

/// Whether `new` and the builder require the field, and what it holds when not given.
pub enum Presence {
    Required,
    Optional(DefaultValue),
}

pub enum DefaultValue {
    /// `Default::default()`: `#[data(default)]`, and `None` for `Option` fields.
    Trait,
    /// `#[data(default = expr)]`; a string literal converts with `Into` (`default = "anon"`
    /// on a `String` field).
    Expr(Expr),
}

/// A field validator, with the span of where it was written so that a type error in the
/// generated call (a type without `PartialOrd`, say) points there.
pub struct Validator {
    pub rule: Rule,
    pub span: Span,
}

pub enum Rule {
    Range {
        min: Option<Expr>,
        max: Option<Expr>,
    },
    Length {
        min: Option<Expr>,
        max: Option<Expr>,
    },
    NonEmpty,
    Custom(Path),
}

/// The natural borrowed form a getter returns.
pub enum Getter<'a> {
    /// A `Copy` primitive, or `Option` of one: returned by value.
    Copied,
    /// `String` → `&str`, `Vec<T>` → `&[T]`, `Box<T>` → `&T`.
    Deref(Type),
    /// `Option<String>` → `Option<&str>`, and likewise for `Vec` and `Box`.
    OptionDeref(Type),
    /// `Option<T>` → `Option<&T>`.
    OptionRef(&'a Type),
    /// Anything else: `&T`.
    Ref,
}

/// Method names that constructors and trait items already use on the struct.
const RESERVED_ON_STRUCT: &[&str] = &["new", "builder"];
/// Method names the builder already uses.
const RESERVED_ON_BUILDER: &[&str] = &["build"];

/// Checks every field, pushing each broken rule into `errors`. A field that broke a rule is
/// left out of the returned model; the caller expands the model only if `errors` is empty.
pub fn validate<'a>(parsed: ParsedStruct<'a>, errors: &mut Errors) -> DataStruct<'a> {
    let fields: Vec<DataField<'a>> = parsed
        .fields
        .into_iter()
        .filter_map(|field| check_field(field, errors))
        .collect();
    check_method_names(&fields, errors);
    DataStruct {
        input: parsed.input,
        krate: crate_path(parsed.options.krate.as_ref()),
        struct_check: parsed.options.validate.map(|path| path.0),
        fields,
    }
}

fn check_field<'a>(parsed: ParsedField<'a>, errors: &mut Errors) -> Option<DataField<'a>> {
    let ParsedField {
        field,
        ident,
        options,
    } = parsed;
    let ty = &field.ty;
    let shape = type_shape(ty);
    let before = errors.len();
    let presence = presence(ident, shape, &options, errors);
    let validators = options
        .validate
        .as_ref()
        .map(|validators| check_validators(ident, ty, shape, validators, errors))
        .unwrap_or_default();
    let skip = options.skip.as_ref();
    let skip_getter = skip.is_some_and(|skip| skip.getter.is_present());
    let skip_setter = skip.is_some_and(|skip| skip.setter.is_present());
    // A field that broke any rule is left out of the model: its errors are reported and
    // nothing is generated for it.
    if errors.len() != before {
        return None;
    }
    Some(DataField {
        ident,
        ty,
        shape,
        doc: doc_text(&field.attrs),
        presence,
        into: options.into.is_present(),
        validators,
        getter: (!skip_getter).then(|| getter(shape)),
        setters: !skip_setter,
    })
}

fn presence(
    ident: &Ident,
    shape: TypeShape,
    options: &FieldOptions,
    errors: &mut Errors,
) -> Presence {
    let is_option = matches!(shape, TypeShape::Option(_));
    let required = &options.required;
    if let (Some(default), true) = (&options.default, required.is_present()) {
        let message = format!(
            "`default` and `required` contradict each other on `{ident}`: a field with a default \
             is optional. Remove `required` to keep the default, or `default` to require a value"
        );
        errors.at(default.key, &message);
        errors.at(required.span(), message);
    } else if required.is_present() && !is_option {
        errors.at(
            required.span(),
            format!(
                "`required` only applies to `Option<..>` fields; `{ident}` has no default, so it \
                 is already required. Remove `required`"
            ),
        );
    }
    match (&options.default, required.is_present()) {
        (_, true) => Presence::Required,
        (Some(default), false) => Presence::Optional(match &default.value {
            Override::Inherit => DefaultValue::Trait,
            Override::Explicit(expr) => DefaultValue::Expr(expr.0.clone()),
        }),
        (None, false) if is_option => Presence::Optional(DefaultValue::Trait),
        (None, false) => Presence::Required,
    }
}

fn check_validators(
    ident: &Ident,
    ty: &Type,
    shape: TypeShape,
    validators: &Keyed<Validators>,
    errors: &mut Errors,
) -> Vec<Validator> {
    // Validators of an `Option` field check the value inside `Some`.
    let (checked_shape, checked_ty) = match shape {
        TypeShape::Option(inner) => (type_shape(inner), inner),
        _ => (shape, ty),
    };
    let type_text = source_text(quote::quote!(#checked_ty));
    let mut checked = Vec::new();
    let mut any = false;
    if let Some(range) = &validators.range {
        any = true;
        if !checked_shape.can_be_ranged() {
            errors.at(
                range.key,
                format!(
                    "`range` compares numbers, but `{ident}` is `{type_text}`; use \
                     `length(min = .., max = ..)` to bound a length, or `custom = path` for \
                     another rule"
                ),
            );
        } else if check_bounds("range", ident, range, checked_shape, errors) {
            checked.push(Validator {
                rule: Rule::Range {
                    min: range.min.clone(),
                    max: range.max.clone(),
                },
                span: range.key,
            });
        }
    }
    for (rule, spanned) in [
        (
            "length",
            validators.length.as_ref().map(|length| length.key),
        ),
        (
            "non_empty",
            validators
                .non_empty
                .is_present()
                .then(|| validators.non_empty.span()),
        ),
    ] {
        if let Some(span) = spanned {
            any = true;
            if !checked_shape.can_have_length() {
                errors.at(
                    span,
                    format!(
                        "`{rule}` checks the length of a string or collection, but `{ident}` is \
                         `{type_text}`; use `range(min = .., max = ..)` to bound a number"
                    ),
                );
            }
        }
    }
    if let Some(length) = &validators.length
        && checked_shape.can_have_length()
        && check_bounds("length", ident, length, TypeShape::Other, errors)
    {
        checked.push(Validator {
            rule: Rule::Length {
                min: length.min.clone(),
                max: length.max.clone(),
            },
            span: length.key,
        });
    }
    if validators.non_empty.is_present() && checked_shape.can_have_length() {
        checked.push(Validator {
            rule: Rule::NonEmpty,
            span: validators.non_empty.span(),
        });
    }
    if let Some(custom) = &validators.custom {
        any = true;
        checked.push(Validator {
            rule: Rule::Custom(custom.value.0.clone()),
            span: custom.key,
        });
    }
    if !any {
        errors.at(
            validators.key,
            format!(
                "`validate(..)` on `{ident}` lists no validator; add one of `range(..)`, \
                 `length(..)`, `non_empty`, `custom = path`, or remove `validate(..)`"
            ),
        );
    }
    checked
}

/// `min`/`max` present, literals of the right kind, and `min <= max` when both are literal.
fn check_bounds(
    rule: &str,
    ident: &Ident,
    bounds: &Keyed<Bounds>,
    shape: TypeShape,
    errors: &mut Errors,
) -> bool {
    let before = errors.len();
    if bounds.min.is_none() && bounds.max.is_none() {
        errors.at(
            bounds.key,
            format!("`{rule}` needs `min`, `max` or both, e.g. `{rule}(min = 1, max = 10)`"),
        );
    }
    if shape_is(shape, Primitive::Float) {
        for bound in [&bounds.min, &bounds.max].into_iter().flatten() {
            if let Some(Lit::Int(int)) = literal(bound) {
                errors.spanned(
                    bound,
                    format!(
                        "`{ident}` is a float, but this bound is an integer; write `{}.0`",
                        int.base10_digits()
                    ),
                );
            }
        }
    }
    if let (Some(min), Some(max)) = (&bounds.min, &bounds.max)
        && let (Some(low), Some(high)) = (literal_number(min), literal_number(max))
        && low > high
    {
        let message = format!(
            "`{rule}` on `{ident}` can never pass: `min` ({}) is greater than `max` ({}); swap them",
            source_text(quote::quote!(#min)),
            source_text(quote::quote!(#max)),
        );
        errors.spanned(min, &message);
        errors.spanned(max, message);
    }
    errors.len() == before
}

fn shape_is(shape: TypeShape, primitive: Primitive) -> bool {
    matches!(shape, TypeShape::Primitive(found) if found == primitive)
}

fn literal(expr: &Expr) -> Option<&Lit> {
    match expr {
        Expr::Lit(expr) => Some(&expr.lit),
        Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}

/// The value of an integer or float literal, possibly negated, as far as `f64` holds it.
fn literal_number(expr: &Expr) -> Option<f64> {
    match expr {
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => {
            literal_number(&unary.expr).map(|value| -value)
        }
        _ => match literal(expr)? {
            Lit::Int(int) => int.base10_parse::<f64>().ok(),
            Lit::Float(float) => float.base10_parse::<f64>().ok(),
            _ => None,
        },
    }
}

fn getter(shape: TypeShape<'_>) -> Getter<'_> {
    match shape {
        TypeShape::Primitive(_) => Getter::Copied,
        TypeShape::String => Getter::Deref(syn::parse_quote!(::core::primitive::str)),
        TypeShape::Vec(element) => Getter::Deref(syn::parse_quote!([#element])),
        TypeShape::Box(inner) => Getter::Deref(inner.clone()),
        TypeShape::Option(inner) => match type_shape(inner) {
            TypeShape::Primitive(_) => Getter::Copied,
            TypeShape::String => Getter::OptionDeref(syn::parse_quote!(::core::primitive::str)),
            TypeShape::Vec(element) => Getter::OptionDeref(syn::parse_quote!([#element])),
            TypeShape::Box(boxed) => Getter::OptionDeref(boxed.clone()),
            TypeShape::Option(_) | TypeShape::Other => Getter::OptionRef(inner),
        },
        TypeShape::Other => Getter::Ref,
    }
}

/// Two generated methods must never share a name: a field called `new`, or fields `x` and
/// `with_x`, would otherwise produce a confusing "duplicate definitions" error in code the
/// user cannot see.
fn check_method_names(fields: &[DataField], errors: &mut Errors) {
    let mut on_struct: BTreeMap<String, (Span, String)> = BTreeMap::new();
    let mut on_builder: BTreeMap<String, (Span, String)> = BTreeMap::new();
    for reserved in RESERVED_ON_STRUCT {
        on_struct.insert(
            (*reserved).to_owned(),
            (Span::call_site(), format!("`{reserved}`")),
        );
    }
    for reserved in RESERVED_ON_BUILDER {
        on_builder.insert(
            (*reserved).to_owned(),
            (Span::call_site(), format!("`{reserved}`")),
        );
    }
    for field in fields {
        let name = field.ident.unraw().to_string();
        let span = field.ident.span();
        let mut struct_methods = Vec::new();
        if field.getter.is_some() {
            struct_methods.push((name.clone(), format!("the getter of `{name}`")));
        }
        if field.setters {
            struct_methods.push((format!("set_{name}"), format!("the setter `set_{name}`")));
            struct_methods.push((format!("with_{name}"), format!("the setter `with_{name}`")));
        }
        let builder_methods = vec![(name.clone(), format!("the builder setter of `{name}`"))];
        for (methods, taken, place, remedy) in [
            (
                struct_methods,
                &mut on_struct,
                "on the struct",
                "rename the field, or leave the method out with `#[data(skip(getter))]` or \
                 `#[data(skip(setter))]`",
            ),
            (
                builder_methods,
                &mut on_builder,
                "on its builder",
                "rename the field",
            ),
        ] {
            for (method, what) in methods {
                if let Some((_, existing)) = taken.get(&method) {
                    errors.at(
                        span,
                        format!(
                            "field `{name}` would generate a method `{method}` {place} that clashes \
                             with {existing}; {remedy}"
                        ),
                    );
                } else {
                    taken.insert(method, (span, what));
                }
            }
        }
    }
}
