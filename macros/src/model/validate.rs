//! Model → checked model: each exposed field with its name, type and doc as written and,
//! when the struct also derives `Data`, its default and whether validators run; names
//! checked for duplicates; generic structs refused.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, ExprPath, Ident, Path, Type};

use super::parse::{ParsedModel, ParsedModelField};
use crate::common::crate_path::crate_path;
use crate::common::docs::doc_text;
use crate::common::errors::Errors;
use crate::common::items::is_attribute;
use crate::common::source_text::source_text;
use crate::common::type_shape::{TypeShape, type_shape};
use crate::data::{DataDefault, data_defaults};

pub struct CheckedModel<'a> {
    pub input: &'a DeriveInput,
    pub krate: Path,
    /// The name in the shape and the registry: the type's, or `name = ".."`.
    pub name: String,
    pub meta: Vec<(String, String)>,
    /// The fields `get`, `set` and the values see, in declaration order.
    pub fields: Vec<ModelField<'a>>,
    /// `#[model(skip)]` fields: `from_values` fills them with `Default::default()`.
    pub skipped: Vec<&'a Ident>,
    /// The struct derives `Data` with validators: `set` and `from_values` run them.
    pub validated: bool,
    /// False for a generic struct (an error): no impl is generated.
    pub generate: bool,
    /// `kind = dyn Trait`: the trait object types the model registers under.
    pub kinds: Vec<Type>,
    /// `on_create = path`.
    pub on_create: Option<ExprPath>,
    /// `on_change = path`.
    pub on_change: Option<ExprPath>,
}

pub struct ModelField<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub name: String,
    pub ty_text: String,
    pub doc: String,
    /// What `from_values` uses when the field is missing; `None` for a required field.
    pub default: Option<TokenStream>,
}

pub fn validate<'a>(parsed: ParsedModel<'a>, errors: &mut Errors) -> CheckedModel<'a> {
    let input = parsed.input;
    let mut generate = true;
    if let Some(param) = input.generics.params.first() {
        generate = false;
        errors.spanned(
            param,
            format!(
                "a generic struct cannot be a model: a model is built from values by name, \
                 which cannot choose `{}`; derive `Model` on a struct with concrete field \
                 types (for example one that wraps `{}<YourType>`)",
                quote!(#param),
                input.ident
            ),
        );
    }
    // What `#[derive(Data)]` says of the fields, when the struct uses `#[data]`: its own
    // errors are reported by that derive, not a second time here.
    let uses_data = input.attrs.iter().any(|attr| is_attribute(attr, "data"))
        || parsed.fields.iter().any(|field| {
            field
                .field
                .attrs
                .iter()
                .any(|attr| is_attribute(attr, "data"))
        });
    let data = uses_data.then(|| data_defaults(input)).flatten();
    let mut fields = Vec::new();
    let mut skipped = Vec::new();
    let mut taken: Vec<(String, Span)> = Vec::new();
    for field in &parsed.fields {
        if field.options.skip.is_present() {
            if let Some(rename) = &field.options.rename {
                errors.at(
                    rename.key,
                    "a skipped field has no name in the model; remove `rename` or `skip`",
                );
            }
            skipped.push(field.ident);
            continue;
        }
        let (name, at) = field_name(field, parsed.options.serde_rename_all.as_deref());
        if name.is_empty() {
            errors.at(at, "`rename` needs a name, e.g. `rename = \"user_name\"`");
        } else if name.starts_with("__") {
            errors.at(
                at,
                format!(
                    "`{name}`: names starting with `__` are reserved for modsmith (for entries \
                     it may add to a model's values, such as a type tag); give the field \
                     another name with `#[model(rename = \"{}\")]`",
                    match name.trim_start_matches('_') {
                        "" => "..",
                        trimmed => trimmed,
                    }
                ),
            );
        }
        if let Some((_, earlier)) = taken.iter().find(|(taken, _)| *taken == name) {
            errors.at(
                at,
                format!("two fields of the model are named `{name}`; rename one with `#[model(rename = \"..\")]`"),
            );
            errors.at(*earlier, format!("the other `{name}` is here"));
        } else {
            taken.push((name.clone(), at));
        }
        let ty = &field.field.ty;
        let default = match data.as_ref().and_then(|data| data.get(field.ident)) {
            Some(DataDefault::Required) => None,
            Some(DataDefault::Value(tokens)) => Some(tokens.clone()),
            None if matches!(type_shape(ty), TypeShape::Option(_)) => {
                Some(quote!(::core::option::Option::None))
            }
            None => None,
        };
        fields.push(ModelField {
            ident: field.ident,
            ty,
            name,
            ty_text: source_text(quote!(#ty)),
            doc: doc_text(&field.field.attrs),
            default,
        });
    }
    let meta = parsed
        .options
        .meta
        .as_ref()
        .map(|meta| {
            meta.value
                .0
                .iter()
                .map(|(key, value, _)| (key.clone(), value.clone()))
                .collect()
        })
        .unwrap_or_default();
    let options = &parsed.options;
    let name = match &options.name {
        Some(name) if name.value.0.is_empty() => {
            errors.at(name.key, "`name` needs a name, e.g. `name = \"Customer\"`");
            String::new()
        }
        Some(name) => name.value.0.clone(),
        None => input.ident.to_string().trim_start_matches("r#").to_owned(),
    };
    let mut kinds: Vec<Type> = Vec::new();
    for kind in &options.kinds {
        let written = source_text({
            let ty = &kind.value;
            quote!(#ty)
        });
        match &kind.value {
            Type::TraitObject(object) if object.dyn_token.is_some() => {
                let repeated = kinds
                    .iter()
                    .any(|earlier| source_text(quote!(#earlier)) == written);
                if repeated {
                    errors.spanned(
                        &kind.value,
                        format!("`kind = {written}` is given twice; write each kind once"),
                    );
                } else {
                    kinds.push(kind.value.clone());
                }
            }
            other => errors.spanned(
                other,
                format!(
                    "`kind` takes the trait object type the model registers under: write \
                     `kind = {}`",
                    kind_advice(other)
                ),
            ),
        }
    }
    CheckedModel {
        input,
        krate: crate_path(options.krate.as_ref().map(|krate| &krate.0)),
        name,
        meta,
        fields,
        skipped,
        validated: data.as_ref().is_some_and(|data| data.validated),
        generate,
        kinds,
        on_create: options.on_create.as_ref().map(|hook| hook.value.0.clone()),
        on_change: options.on_change.as_ref().map(|hook| hook.value.0.clone()),
    }
}

/// A field's name in the model, and where to report a problem with it: its `rename`, else
/// the name serde gives it (`#[serde(rename)]`, or the struct's `#[serde(rename_all)]`), so
/// that the values and serde agree, else its identifier without `r#`.
pub fn field_name(field: &ParsedModelField, serde_rename_all: Option<&str>) -> (String, Span) {
    if let Some(rename) = &field.options.rename {
        return (rename.value.0.clone(), rename.key);
    }
    let ident = field.ident.to_string().trim_start_matches("r#").to_owned();
    let name = match (&field.options.serde_rename, serde_rename_all) {
        (Some(rename), _) => rename.clone(),
        (None, Some(rule)) => serde_rule(rule, &ident).unwrap_or(ident),
        (None, None) => ident,
    };
    (name, field.ident.span())
}

/// `ident` renamed by serde's `rename_all` `rule` as serde renames a field (its
/// `RenameRule::apply_to_field`: the name is taken to be in snake case, and `lowercase` and
/// `snake_case` leave it as it is); `None` for a rule serde does not know (serde reports it).
fn serde_rule(rule: &str, ident: &str) -> Option<String> {
    let pascal = || {
        let mut pascal = String::with_capacity(ident.len());
        let mut capitalize = true;
        for ch in ident.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(ch);
            }
        }
        pascal
    };
    Some(match rule {
        "lowercase" | "snake_case" => ident.to_owned(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => ident.to_ascii_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let pascal = pascal();
            let mut chars = pascal.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        "kebab-case" => ident.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => ident.to_ascii_uppercase().replace('_', "-"),
        _ => return None,
    })
}

/// The `dyn Trait` a `kind` that is not one most likely means: `dyn Plugin` for `Plugin`,
/// `impl Plugin`, `Box<dyn Plugin>` or `&dyn Plugin`.
fn kind_advice(ty: &Type) -> String {
    let inner = match ty {
        Type::ImplTrait(found) => {
            let bounds = &found.bounds;
            return format!("dyn {}", source_text(quote!(#bounds)));
        }
        Type::TraitObject(object) => {
            let bounds = &object.bounds;
            return format!("dyn {}", source_text(quote!(#bounds)));
        }
        Type::Reference(reference) => Some(&*reference.elem),
        Type::Paren(paren) => Some(&*paren.elem),
        Type::Path(path) => path
            .path
            .segments
            .last()
            .filter(|segment| {
                segment.ident == "Box" || segment.ident == "Arc" || segment.ident == "Rc"
            })
            .and_then(|segment| match &segment.arguments {
                syn::PathArguments::AngleBracketed(arguments) => {
                    arguments.args.iter().find_map(|argument| match argument {
                        syn::GenericArgument::Type(inner) => Some(inner),
                        _ => None,
                    })
                }
                _ => None,
            }),
        _ => None,
    };
    match inner {
        Some(inner @ (Type::TraitObject(_) | Type::ImplTrait(_))) => kind_advice(inner),
        _ => format!("dyn {}", source_text(quote!(#ty))),
    }
}
