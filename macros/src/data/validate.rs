//! Model → checked model: rules that span several options or need the field's type. Every
//! rule runs; all failures are reported together.

use std::collections::BTreeMap;

use darling::util::Override;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{DeriveInput, Expr, ExprPath, Ident, Lit, Path, Type};

use super::parse::{Bound, Bounds, FieldOptions, FieldValidators, ParsedField, ParsedStruct};
use crate::common::crate_path::crate_path;
use crate::common::docs::doc_text;
use crate::common::errors::Errors;
use crate::common::options::{Keyed, Switch};
use crate::common::source_text::source_text;
use crate::common::type_shape::{Primitive, TypeShape, as_referent, type_shape};
use crate::model::{ModelHooks, model_hooks};

/// What expansion generates for one struct. When validation pushed no error, every option
/// the user wrote is in it; otherwise the options that broke a rule are left out, so that the
/// same expansion serves as the fallback emitted next to the errors.
pub struct CheckedStruct<'a> {
    pub input: &'a DeriveInput,
    pub krate: Path,
    pub struct_check: Option<ExprPath>,
    pub fields: Vec<DataField<'a>>,
    /// False only in a fallback whose builder would clash with a field's setter.
    pub emit_builder: bool,
    /// `builder = Name`: the builder's name, instead of `{Struct}Builder`.
    pub builder_name: Option<syn::Ident>,
    /// `builder(derive(Clone))`, `builder(derive(Debug))`: opt-in, as with bon, since each
    /// costs every build (see `benches/RESULTS.md`).
    pub builder_clone: bool,
    pub builder_debug: bool,
    /// `#[repr(packed)]`: fields are read by copy, never through a reference, which could be
    /// unaligned.
    pub packed: bool,
    /// `#[data(deserialize)]`: a `serde::Deserialize` that validates, with the span of
    /// `deserialize`.
    pub deserialize: Option<Span>,
    /// `#[data(set)]`: a `set_*` method per field.
    pub set_methods: bool,
    /// `#[data(with)]`: a `with_*` method per field.
    pub with_methods: bool,
    /// `Model`'s hooks, when the struct has `#[model(on_create = .., on_change = ..)]`: the
    /// constructors and setters generated here call them.
    pub hooks: Option<ModelHooks>,
}

pub struct DataField<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub shape: TypeShape<'a>,
    pub doc: String,
    pub presence: Presence,
    pub into: bool,
    pub validators: Vec<Validator>,
    pub getter: Option<Getter>,
    pub setters: bool,
}

/// Whether `new` and the builder require the field, and what it holds when not given.
pub enum Presence {
    Required,
    Optional(DefaultValue),
}

pub enum DefaultValue {
    /// `Default::default()`: `#[data(default)]` (with the span of `default`, where a type
    /// without `Default` is reported), and `None` for `Option` fields.
    Trait(Span),
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
    Custom(ExprPath),
}

/// The natural borrowed form a getter returns.
pub enum Getter {
    /// A `Copy` primitive or a shared reference, or `Option` of one: returned by value.
    Copied,
    /// `String` → `&str`, `Vec<T>` → `&[T]`, `Box<T>` → `&T`.
    Deref(Type),
    /// `Option<String>` → `Option<&str>`, and likewise for `Vec` and `Box`.
    OptionDeref(Type),
    /// `Option<T>` → `Option<&T>`, with `T` as written after `&`.
    OptionRef(Type),
    /// Anything else: `&T`, with `T` as written after `&`.
    Ref(Type),
}

/// Method names that constructors and the `Data` trait already use on the struct (a getter
/// named `validate` would shadow `Data::validate` in method calls).
const RESERVED_ON_STRUCT: &[&str] = &["new", "builder", "validate", "field"];
/// Method names the builder already uses.
const RESERVED_ON_BUILDER: &[&str] = &["build"];

/// Checks every field, pushing each broken rule into `errors`, and returns the model with
/// the broken options left out (see [`CheckedStruct`]).
pub fn validate<'a>(parsed: ParsedStruct<'a>, errors: &mut Errors) -> CheckedStruct<'a> {
    let packed = is_packed(&parsed.input.attrs);
    let struct_name = parsed.input.ident.unraw();
    let set_methods = parsed.options.set.is_present();
    let with_methods = parsed.options.with.is_present();
    let mut fields: Vec<DataField<'a>> = parsed
        .fields
        .into_iter()
        .map(|field| check_field(field, set_methods || with_methods, errors))
        .collect();
    if packed {
        for field in &mut fields {
            check_packed_field(&struct_name, field, errors);
        }
    }
    let deserialize = check_deserialize(&parsed.options.deserialize, errors);
    let emit_builder = check_method_names(&mut fields, set_methods, with_methods, errors);
    CheckedStruct {
        hooks: model_hooks(parsed.input),
        input: parsed.input,
        krate: crate_path(parsed.options.krate.as_ref().map(|krate| &krate.0)),
        struct_check: parsed.options.validate.map(|path| path.0),
        fields,
        emit_builder,
        builder_name: parsed
            .options
            .builder
            .as_ref()
            .and_then(|builder| builder.value.name.clone()),
        builder_clone: parsed
            .options
            .builder
            .as_ref()
            .is_some_and(|builder| builder.value.clone),
        builder_debug: parsed
            .options
            .builder
            .as_ref()
            .is_some_and(|builder| builder.value.debug),
        packed,
        deserialize,
        set_methods,
        with_methods,
    }
}

/// `#[repr(packed)]`, `#[repr(packed(2))]` or `packed` among other `repr` hints.
fn is_packed(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("repr"))
        .any(|attr| match &attr.meta {
            syn::Meta::List(list) => list.tokens.clone().into_iter().any(
                |token| matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == "packed"),
            ),
            _ => false,
        })
}

/// In a packed struct a reference to a field may be unaligned, which Rust refuses: a getter
/// and the validators read the field by copy instead. A type known not to be `Copy` can be
/// read neither way, so its getter and validators are refused here, at the field, with the
/// ways out. (A user type that is not `Copy` is left to rustc, which names the field.)
fn check_packed_field(struct_name: &Ident, field: &mut DataField, errors: &mut Errors) {
    let not_copy = match field.shape {
        TypeShape::String | TypeShape::Vec(_) | TypeShape::Box(_) => true,
        TypeShape::Option(inner) => matches!(
            type_shape(inner),
            TypeShape::String | TypeShape::Vec(_) | TypeShape::Box(_)
        ),
        TypeShape::Primitive(_) | TypeShape::Other => false,
    };
    if !not_copy {
        if field.getter.is_some() {
            field.getter = Some(Getter::Copied);
        }
        return;
    }
    let reads = match (field.getter.is_some(), !field.validators.is_empty()) {
        (true, true) => "its getter and validators",
        (true, false) => "its getter",
        (false, true) => "its validators",
        (false, false) => return,
    };
    let ty = field.ty;
    let (name, type_text) = (field.ident.unraw(), source_text(quote::quote!(#ty)));
    let leave_out = match (field.getter.is_some(), !field.validators.is_empty()) {
        (true, true) => {
            "leave the getter out with `#[data(skip(getter))]` and remove `validate(..)`"
        }
        (true, false) => "leave the getter out with `#[data(skip(getter))]`",
        _ => "remove `validate(..)`",
    };
    errors.at(
        field.ident.span(),
        format!(
            "`{struct_name}` is `#[repr(packed)]`, so a reference to its field `{name}` may be \
             unaligned, and `{type_text}` is not `Copy` to be read by value: {reads} cannot read \
             it. On `{name}`, {leave_out}; or remove `packed` from the `repr`"
        ),
    );
    field.getter = None;
    field.validators.clear();
}

/// `deserialize` needs serde, which the `serde` feature of `modsmith` brings. Without it the
/// option is refused at its name (the macros crate is built with the facade's features);
/// the generated code could only fail later, at a path that does not exist.
fn check_deserialize(switch: &Switch, errors: &mut Errors) -> Option<Span> {
    check_deserialize_with(switch, cfg!(feature = "serde"), errors)
}

fn check_deserialize_with(
    switch: &Switch,
    serde_enabled: bool,
    errors: &mut Errors,
) -> Option<Span> {
    if !switch.is_present() {
        return None;
    }
    if serde_enabled {
        Some(switch.span())
    } else {
        errors.at(switch.span(), DESERIALIZE_NEEDS_SERDE);
        None
    }
}

/// Why `#[data(deserialize)]` is refused when modsmith is built without serde.
const DESERIALIZE_NEEDS_SERDE: &str = "`deserialize` derives `serde::Deserialize`, which \
    needs modsmith's `serde` feature; enable it in Cargo.toml (`modsmith = { version = \"..\", \
    features = [\"serde\"] }`, or keep the default features), or remove `deserialize`";

/// `setters_generated`: whether the struct asked for `set_*` or `with_*`, without which
/// `skip(setter)` has nothing to leave out.
fn check_field<'a>(
    parsed: ParsedField<'a>,
    setters_generated: bool,
    errors: &mut Errors,
) -> DataField<'a> {
    let ParsedField {
        field,
        ident,
        options,
    } = parsed;
    let ty = &field.ty;
    let shape = type_shape(ty);
    if options.deserialize.is_present() {
        errors.at(
            options.deserialize.span(),
            "`deserialize` is an option of the struct: write `#[data(deserialize)]` above the \
             struct; a field's own serde options are written `#[serde(..)]`, e.g. \
             `#[serde(rename = \"id\")]`",
        );
    }
    let presence = presence(ident, shape, &options, errors);
    let validators = options
        .validate
        .as_ref()
        .map(|validators| check_validators(ident, ty, shape, validators, errors))
        .unwrap_or_default();
    let skip = options.skip.as_ref();
    let skip_getter = skip.is_some_and(|skip| skip.getter.is_present());
    let skip_setter = skip.is_some_and(|skip| skip.setter.is_present());
    if let Some(skip) = skip.filter(|_| skip_setter && !setters_generated) {
        errors.at(
            skip.key,
            "`skip(setter)` leaves nothing out: `set_*` and `with_*` are generated only with \
             `#[data(set)]` or `#[data(with)]` on the struct; remove `setter` here",
        );
    }
    DataField {
        ident,
        ty,
        shape,
        doc: doc_text(&field.attrs),
        presence,
        into: options.into.is_present(),
        validators,
        getter: (!skip_getter).then(|| getter(ty, shape)),
        setters: !skip_setter,
    }
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
    // On a conflict the default wins: the fallback then has the shorter `new`.
    match (&options.default, required.is_present() && is_option) {
        (Some(default), _) => Presence::Optional(match &default.value {
            Override::Inherit => DefaultValue::Trait(default.key),
            Override::Explicit(expr) => DefaultValue::Expr(expr.0.clone()),
        }),
        (None, true) => Presence::Required,
        (None, false) if is_option => Presence::Optional(DefaultValue::Trait(ident.span())),
        (None, false) => Presence::Required,
    }
}

fn check_validators(
    ident: &Ident,
    ty: &Type,
    shape: TypeShape,
    validators: &Keyed<FieldValidators>,
    errors: &mut Errors,
) -> Vec<Validator> {
    // Validators of an `Option` field check the value inside `Some`.
    let (checked_shape, checked_ty) = match shape {
        TypeShape::Option(inner) => (type_shape(inner), inner),
        _ => (shape, ty),
    };
    let type_text = source_text(quote::quote!(#checked_ty));
    let wrong_for_length = |rule: &str| {
        format!(
            "`{rule}` checks the length of a string or collection, but `{ident}` is \
             `{type_text}`; use `range(min = .., max = ..)` to bound a number"
        )
    };
    let mut checked = Vec::new();
    if let Some(range) = &validators.range {
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
            let (min, max) = (bound_expr(&range.min), bound_expr(&range.max));
            checked.push(Validator {
                rule: Rule::Range { min, max },
                span: range.key,
            });
        }
    }
    if let Some(length) = &validators.length {
        if !checked_shape.can_have_length() {
            errors.at(length.key, wrong_for_length("length"));
        } else if check_bounds("length", ident, length, TypeShape::Other, errors) {
            let (min, max) = (bound_expr(&length.min), bound_expr(&length.max));
            checked.push(Validator {
                rule: Rule::Length { min, max },
                span: length.key,
            });
        }
    }
    if validators.non_empty.is_present() {
        let span = validators.non_empty.span();
        if !checked_shape.can_have_length() {
            errors.at(span, wrong_for_length("non_empty"));
        } else {
            checked.push(Validator {
                rule: Rule::NonEmpty,
                span,
            });
        }
    }
    if let Some(custom) = &validators.custom {
        checked.push(Validator {
            rule: Rule::Custom(custom.value.0.clone()),
            span: custom.key,
        });
    }
    let any = validators.range.is_some()
        || validators.length.is_some()
        || validators.non_empty.is_present()
        || validators.custom.is_some();
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
    let checkpoint = errors.checkpoint();
    if bounds.min.is_none() && bounds.max.is_none() {
        errors.at(
            bounds.key,
            format!("`{rule}` needs `min`, `max` or both, e.g. `{rule}(min = 1, max = 10)`"),
        );
    }
    if shape_is(shape, Primitive::Float) {
        for bound in [&bounds.min, &bounds.max].into_iter().flatten() {
            let bound = &bound.0;
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
    if let (Some(Bound(min)), Some(Bound(max))) = (&bounds.min, &bounds.max)
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
    !errors.failed_since(checkpoint)
}

fn bound_expr(bound: &Option<Bound>) -> Option<Expr> {
    bound.as_ref().map(|bound| bound.0.clone())
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

fn getter(ty: &Type, shape: TypeShape) -> Getter {
    if is_shared_reference(ty) {
        return Getter::Copied;
    }
    match shape {
        TypeShape::Primitive(_) => Getter::Copied,
        TypeShape::String => Getter::Deref(syn::parse_quote!(::core::primitive::str)),
        TypeShape::Vec(element) => Getter::Deref(syn::parse_quote!([#element])),
        TypeShape::Box(inner) => Getter::Deref(as_referent(inner)),
        TypeShape::Option(inner) if is_shared_reference(inner) => Getter::Copied,
        TypeShape::Option(inner) => match type_shape(inner) {
            TypeShape::Primitive(_) => Getter::Copied,
            TypeShape::String => Getter::OptionDeref(syn::parse_quote!(::core::primitive::str)),
            TypeShape::Vec(element) => Getter::OptionDeref(syn::parse_quote!([#element])),
            TypeShape::Box(boxed) => Getter::OptionDeref(as_referent(boxed)),
            TypeShape::Option(_) | TypeShape::Other => Getter::OptionRef(as_referent(inner)),
        },
        TypeShape::Other => Getter::Ref(as_referent(ty)),
    }
}

/// `&T` (not `&mut T`): `Copy`, so a getter returns it as it is rather than `&&T`.
fn is_shared_reference(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => reference.mutability.is_none(),
        Type::Group(group) => is_shared_reference(&group.elem),
        Type::Paren(paren) => is_shared_reference(&paren.elem),
        _ => false,
    }
}

/// Two generated methods must never share a name: a field called `new`, or fields `x` and
/// `set_x`, would otherwise produce a confusing "duplicate definitions" error in code the
/// user cannot see. The later method of a clashing pair is left out of the model (so the
/// fallback compiles); a clash on the builder leaves the builder out. Returns whether the
/// builder can be generated.
fn check_method_names(
    fields: &mut [DataField],
    set_methods: bool,
    with_methods: bool,
    errors: &mut Errors,
) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Method {
        Getter,
        Setter,
        BuilderSetter,
    }
    // Method name -> where it came from (no span for the built-in ones), what it is, and
    // which field generated it as which kind of method (none for the built-in ones).
    type Taken = BTreeMap<String, (Option<Span>, String, Option<(Method, String)>)>;
    let builtin = |names: &[&str]| -> Taken {
        names
            .iter()
            .map(|name| {
                (
                    (*name).to_owned(),
                    (None, format!("the generated `{name}`"), None),
                )
            })
            .collect()
    };
    // How to leave out the method `kind` of field `name`, if it can be left out.
    let skip_hint = |kind: Method, name: &str| match kind {
        Method::Getter => Some(format!(
            "leave `{name}`'s getter out with `#[data(skip(getter))]` on `{name}`"
        )),
        Method::Setter => Some(format!(
            "leave `{name}`'s setters out with `#[data(skip(setter))]` on `{name}`"
        )),
        Method::BuilderSetter => None,
    };
    let mut on_struct = builtin(RESERVED_ON_STRUCT);
    let mut on_builder = builtin(RESERVED_ON_BUILDER);
    let mut emit_builder = true;
    for field in fields.iter_mut() {
        let name = field.ident.unraw().to_string();
        let span = field.ident.span();
        let mut methods = vec![(
            Method::BuilderSetter,
            name.clone(),
            format!("the builder setter of `{name}`"),
        )];
        if field.getter.is_some() {
            methods.push((
                Method::Getter,
                name.clone(),
                format!("the getter of `{name}`"),
            ));
        }
        if field.setters && set_methods {
            methods.push((
                Method::Setter,
                format!("set_{name}"),
                format!("the setter `set_{name}`"),
            ));
        }
        if field.setters && with_methods {
            methods.push((
                Method::Setter,
                format!("with_{name}"),
                format!("the setter `with_{name}`"),
            ));
        }
        for (kind, method, what) in methods {
            let (taken, place) = match kind {
                Method::BuilderSetter => (&mut on_builder, "on its builder"),
                Method::Getter | Method::Setter => (&mut on_struct, "on the struct"),
            };
            let Some((earlier, existing, source)) = taken.get(&method) else {
                taken.insert(method, (Some(span), what, Some((kind, name.clone()))));
                continue;
            };
            // Each way out that applies: renaming, or leaving out either of the two methods.
            let mut ways_out = vec![match source {
                Some((_, other)) => format!("rename `{name}` or `{other}`"),
                None => format!("rename `{name}`"),
            }];
            ways_out.extend(skip_hint(kind, &name));
            if let Some((other_kind, other)) = source {
                ways_out.extend(skip_hint(*other_kind, other));
            }
            let remedy = match ways_out.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{}, or {last}", rest.join(", ")),
                None => String::new(),
            };
            errors.at(
                span,
                format!(
                    "field `{name}` would generate a method `{method}` {place} that clashes with \
                     {existing}; {remedy}"
                ),
            );
            if let Some(earlier) = earlier {
                errors.at(*earlier, format!("{existing} is generated from this field"));
            }
            match kind {
                Method::Getter => field.getter = None,
                Method::Setter => field.setters = false,
                Method::BuilderSetter => emit_builder = false,
            }
        }
    }
    emit_builder
}

#[cfg(test)]
mod tests {
    use darling::FromMeta;

    use super::{DESERIALIZE_NEEDS_SERDE, check_deserialize_with};
    use crate::common::errors::Errors;
    use crate::common::options::Switch;

    // The trybuild cases build modsmith with its default features, serde among them; this is
    // the one place the refusal without serde is seen.
    #[test]
    fn deserialize_without_serde_is_refused_at_the_option() {
        let switch = Switch::from_meta(&syn::parse_quote!(deserialize)).ok();
        let switch = switch.unwrap_or_default();
        let mut errors = Errors::new();
        assert!(check_deserialize_with(&switch, false, &mut errors).is_none());
        let messages = errors.into_messages();
        assert_eq!(messages, [DESERIALIZE_NEEDS_SERDE]);

        let mut errors = Errors::new();
        assert!(check_deserialize_with(&switch, true, &mut errors).is_some());
        assert!(errors.finish().is_ok());
    }
}
