//! Model → checked model: which items are exported and under which names, each function's
//! parameters sorted into how the runtime reads them, and everything that cannot be
//! exported refused with what to do instead.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Path, ReturnType, Signature, Type, Visibility};

use super::parse::{Parsed, take_item_options};
use crate::common::crate_path::crate_path;
use crate::common::docs::doc_text;
use crate::common::errors::Errors;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};
use crate::common::source_text::source_text;

/// An exported module: the functions, constants and nested modules `module()` lists.
pub struct Exported {
    pub krate: Path,
    /// The `DynModule`'s name.
    pub name: String,
    pub doc: String,
    pub members: Vec<Member>,
    /// False when the module already has an item named `module` (an error): adding ours
    /// would add rustc's E0428 to it.
    pub add_module_fn: bool,
}

/// One member of `module()`, in the module's order, with the `#[cfg(..)]` predicates of its
/// item: a member whose item is configured out is left out of `module()` with it.
pub struct Member {
    pub cfg: Vec<TokenStream>,
    pub kind: ExportedMember,
}

/// What a member is.
pub enum ExportedMember {
    Function(ExportedFn),
    Constant {
        name: String,
        ident: syn::Ident,
    },
    Module {
        name: String,
        ident: syn::Ident,
        /// Its position among the items of the module it is in: two modules may share a
        /// name under different `#[cfg]`s.
        position: usize,
        exported: Exported,
    },
}

/// An exported function: what its signature's group is instantiated with, and its signature
/// as written.
pub struct ExportedFn {
    pub name: String,
    pub ident: syn::Ident,
    pub doc: String,
    pub params: Vec<ExportedParam>,
    /// The return type as written; `()` without one.
    pub ret: String,
    /// The return type, when there is one.
    pub ret_ty: Option<Type>,
}

/// A parameter: its name and type as written, and how the runtime reads it.
pub struct ExportedParam {
    pub name: String,
    pub ty: String,
    pub read: Read,
}

/// How an argument becomes the parameter (the runtime's `Owned`, `Borrowed`, `Converted`).
pub enum Read {
    /// By value: the type as written.
    Owned(Type),
    /// Borrowed from the argument: `str`, `[u8]`, `[Value]`, `Value`.
    Borrowed(Type),
    /// A slice of other elements, converted into a `Vec` first: the element type.
    Converted(Type),
}

/// The checked model of the module the attribute is on; its `#[export]` attributes are taken
/// off. `None` when nothing can be generated.
pub fn validate(parsed: Parsed, module: &mut ShallowItem, errors: &mut Errors) -> Option<Exported> {
    let ShallowKind::Module(shallow) = &module.kind else {
        return None;
    };
    let krate = crate_path(parsed.options.krate.as_ref().map(|krate| &krate.0));
    let name = match &parsed.options.name {
        Some(name) => {
            check_identifier(&name.value.0, name.key, "`name`", errors);
            name.value.0.clone()
        }
        None => shallow
            .ident
            .to_string()
            .trim_start_matches("r#")
            .to_owned(),
    };
    Some(exported_module(krate, name, module, errors))
}

fn exported_module(
    krate: Path,
    name: String,
    module: &mut ShallowItem,
    errors: &mut Errors,
) -> Exported {
    let doc = doc_text(&module.attrs);
    let mut members = Vec::new();
    let mut add_module_fn = true;
    // Names taken, for the duplicate check.
    let mut taken: Vec<Taken> = Vec::new();
    let ShallowKind::Module(ShallowModule {
        content: Some(content),
        ..
    }) = &mut module.kind
    else {
        return Exported {
            krate,
            name,
            doc,
            members,
            add_module_fn,
        };
    };
    for (position, item) in content.items.iter_mut().enumerate() {
        if let Some(ident) = item.ident()
            && ident.unraw() == "module"
        {
            add_module_fn = false;
            errors.at(
                ident.span(),
                "`#[export_module]` adds a function `module()` to this module, which already has \
                 an item named `module`; rename that item",
            );
        }
        let options = take_item_options(&mut item.attrs, errors);
        let exported_kind = matches!(
            item.kind,
            ShallowKind::Fn(_) | ShallowKind::Const { .. } | ShallowKind::Module(_)
        );
        let is_pub = matches!(item.vis, Visibility::Public(_));
        if !(exported_kind && is_pub) {
            if let Some(rename) = &options.rename {
                errors.at(
                    rename.key,
                    "only `pub` functions, constants and modules are exported; make the item \
                     `pub` or remove `#[export(rename = ..)]`",
                );
            }
            continue;
        }
        if options.skip.is_present() {
            continue;
        }
        let ident = match item.ident() {
            Some(ident) => ident.clone(),
            None => continue,
        };
        let (member_name, at) = match &options.rename {
            Some(rename) => {
                check_identifier(&rename.value.0, rename.key, "`rename`", errors);
                (rename.value.0.clone(), rename.key)
            }
            None => (
                ident.to_string().trim_start_matches("r#").to_owned(),
                ident.span(),
            ),
        };
        let cfg = cfg_predicates(&item.attrs);
        // Two members may share a name only as alternatives rustc itself keeps apart: the
        // same item name, in the same namespace, under different `#[cfg]`s (`unix` and
        // `windows`); rustc reports them if both are compiled. Anything else is one name for
        // two members at run time.
        let taken_as = Taken {
            name: member_name.clone(),
            cfg: source_text(cfg.iter().cloned().collect()),
            item: ident.unraw().to_string(),
            is_module: matches!(item.kind, ShallowKind::Module(_)),
            at,
        };
        if let Some(earlier) = taken.iter().find(|earlier| earlier.clashes_with(&taken_as)) {
            errors.at(
                at,
                format!(
                    "two exported members are named `{member_name}`; rename one with \
                     `#[export(rename = \"..\")]` or leave one out with `#[export(skip)]`"
                ),
            );
            errors.at(
                earlier.at,
                format!("the other `{member_name}` is exported here"),
            );
        } else {
            taken.push(taken_as);
        }
        match &item.kind {
            ShallowKind::Fn(sig) => {
                if let Some(function) = exported_fn(member_name, sig, &item.attrs, errors) {
                    members.push(Member {
                        cfg,
                        kind: ExportedMember::Function(function),
                    });
                }
            }
            ShallowKind::Const { ty, .. } => {
                check_constant(ty, errors);
                members.push(Member {
                    cfg,
                    kind: ExportedMember::Constant {
                        name: member_name,
                        ident,
                    },
                });
            }
            ShallowKind::Module(nested) => {
                if nested.content.is_none() {
                    errors.spanned(
                        &item.tokens,
                        format!(
                            "`pub mod {0};` is in another file, which `#[export_module]` cannot \
                             see; write it inline (`pub mod {0} {{ .. }}`), or leave it out with \
                             `#[export(skip)]`",
                            nested.ident
                        ),
                    );
                    continue;
                }
                let exported = exported_module(krate.clone(), member_name.clone(), item, errors);
                members.push(Member {
                    cfg,
                    kind: ExportedMember::Module {
                        name: member_name,
                        ident,
                        position,
                        exported,
                    },
                });
            }
            ShallowKind::Declared(_) | ShallowKind::Other(_) => {}
        }
    }
    Exported {
        krate,
        name,
        doc,
        members,
        add_module_fn,
    }
}

/// A member name taken, with what tells alternatives apart.
struct Taken {
    name: String,
    /// The item's `#[cfg]` predicates, as text.
    cfg: String,
    /// The item's own name (a rename gives the member another).
    item: String,
    is_module: bool,
    at: Span,
}

impl Taken {
    fn clashes_with(&self, other: &Taken) -> bool {
        let alternatives =
            self.cfg != other.cfg && self.item == other.item && self.is_module == other.is_module;
        self.name == other.name && !alternatives
    }
}

/// The predicates of an item's `#[cfg(..)]` attributes (all must hold for it to be compiled).
/// `#[cfg_attr(..)]` is not read: the attributes it adds are not known before rustc expands it.
fn cfg_predicates(attrs: &[Attribute]) -> Vec<TokenStream> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::List(list) => Some(list.tokens.clone()),
            _ => None,
        })
        .collect()
}

/// A name a `DynModule` accepts, as its builder checks at run time: letters, digits and
/// `_`, not starting with a digit, not `_` alone.
fn check_identifier(name: &str, at: Span, option: &str, errors: &mut Errors) {
    let mut chars = name.chars();
    let valid = match chars.next() {
        Some(first) => {
            (first.is_alphabetic() || first == '_')
                && name != "_"
                && chars.all(|char| char.is_alphanumeric() || char == '_')
        }
        None => false,
    };
    if !valid {
        errors.at(
            at,
            format!(
                "{option} must be an identifier (letters, digits and `_`, not starting with a \
                 digit), such as `add_all`; `{name}` is not one"
            ),
        );
    }
}

/// The integer types whose values may not fit a `Value`'s `i64`.
const WIDE_INTEGERS: &[&str] = &["u64", "usize", "isize", "u128", "i128"];

fn check_constant(ty: &Type, errors: &mut Errors) {
    if let Type::Path(path) = ty
        && let Some(segment) = path.path.segments.last()
        && WIDE_INTEGERS.iter().any(|wide| segment.ident == wide)
    {
        errors.spanned(
            ty,
            format!(
                "a `{}` constant may not fit in a `Value`, whose integers are `i64`; declare it \
                 `i64`, or leave it out with `#[export(skip)]`",
                segment.ident
            ),
        );
    }
}

fn exported_fn(
    name: String,
    sig: &Signature,
    attrs: &[Attribute],
    errors: &mut Errors,
) -> Option<ExportedFn> {
    let ident = &sig.ident;
    let checkpoint = errors.checkpoint();
    let wrap = format!(
        "leave it out with `#[export(skip)]`, or export a plain `pub fn` that calls `{ident}`"
    );
    if let Some(asyncness) = &sig.asyncness {
        errors.spanned(
            asyncness,
            format!("an `async fn` cannot be exported: a `DynModule` call returns a value, not a future; {wrap}"),
        );
    }
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        errors.spanned(
            unsafety,
            format!("an `unsafe fn` cannot be exported: a call by name cannot uphold its safety contract; {wrap}"),
        );
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(
            abi,
            format!("an `extern` fn cannot be exported: the adapters call Rust functions; {wrap}"),
        );
    }
    if let Some(param) = sig.generics.type_params().next() {
        errors.spanned(
            param,
            format!(
                "a generic function cannot be exported: a call by name passes `Value`s, which \
                 cannot choose `{}`; {wrap} with the type chosen",
                param.ident
            ),
        );
    }
    if let Some(param) = sig.generics.const_params().next() {
        errors.spanned(
            param,
            format!(
                "a function with a const parameter cannot be exported; {wrap} with the value chosen"
            ),
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(
            variadic,
            format!("a variadic function cannot be exported; {wrap}"),
        );
    }
    if sig.inputs.len() > 8 {
        errors.spanned(
            &sig.inputs,
            format!("an exported function takes at most 8 parameters; {wrap}, or pass a struct"),
        );
    }
    let params: Vec<ExportedParam> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => {
                let read = read_of(&typed.ty, errors)?;
                Some(ExportedParam {
                    name: source_text(quote::ToTokens::to_token_stream(&typed.pat)),
                    ty: source_text(quote::ToTokens::to_token_stream(&typed.ty)),
                    read,
                })
            }
            FnArg::Receiver(receiver) => {
                errors.spanned(receiver, "a function of a module has no `self`");
                None
            }
        })
        .collect();
    let ret = match &sig.output {
        ReturnType::Default => "()".to_owned(),
        ReturnType::Type(_, ty) => {
            check_return(ty, errors);
            source_text(quote::ToTokens::to_token_stream(ty))
        }
    };
    if errors.failed_since(checkpoint) {
        return None;
    }
    Some(ExportedFn {
        name,
        ident: ident.clone(),
        doc: doc_text(attrs),
        params,
        ret,
        ret_ty: match &sig.output {
            ReturnType::Default => None,
            ReturnType::Type(_, ty) => Some((**ty).clone()),
        },
    })
}

/// How a parameter of type `ty` is read, or an error saying what to take instead.
fn read_of(ty: &Type, errors: &mut Errors) -> Option<Read> {
    match strip_groups(ty) {
        Type::ImplTrait(_) => {
            errors.spanned(
                ty,
                "an `impl Trait` parameter cannot be exported: a call by name passes a `Value`, \
                 which cannot choose the type; take a concrete type",
            );
            None
        }
        Type::Reference(reference) if reference.mutability.is_some() => {
            errors.spanned(
                ty,
                "a `&mut` parameter cannot be exported: the arguments of a call by name are \
                 read-only; take the value by value and return the changed one",
            );
            None
        }
        Type::Reference(reference) => {
            let referent = strip_groups(&reference.elem);
            match referent {
                Type::Path(path) if path.path.is_ident("str") || last_is(path, "Value") => {
                    Some(Read::Borrowed(referent.clone()))
                }
                Type::Slice(slice) => match strip_groups(&slice.elem) {
                    Type::Path(element)
                        if element.path.is_ident("u8") || last_is(element, "Value") =>
                    {
                        Some(Read::Borrowed(referent.clone()))
                    }
                    element => Some(Read::Converted(element.clone())),
                },
                other => {
                    errors.spanned(
                        ty,
                        format!(
                            "a `&{0}` parameter cannot be read from a `Value`: only `&str`, \
                             `&[u8]`, `&[Value]`, `&Value` and other slices are borrowed; take \
                             `{0}` by value (it needs `FromValue`)",
                            source_text(quote::ToTokens::to_token_stream(other))
                        ),
                    );
                    None
                }
            }
        }
        _ => Some(Read::Owned(ty.clone())),
    }
}

fn last_is(path: &syn::TypePath, name: &str) -> bool {
    path.qself.is_none()
        && path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == name)
}

fn strip_groups(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => strip_groups(&group.elem),
        Type::Paren(paren) => strip_groups(&paren.elem),
        other => other,
    }
}

/// A return type a `Value` can hold: no `impl Trait`, and no reference but `&'static`.
fn check_return(ty: &Type, errors: &mut Errors) {
    match strip_groups(ty) {
        Type::ImplTrait(_) => errors.spanned(
            ty,
            "a function returning `impl Trait` cannot be exported: its result must become a \
             `Value`; return a concrete type",
        ),
        Type::Reference(reference)
            if reference
                .lifetime
                .as_ref()
                .is_none_or(|lifetime| lifetime.ident != "static") =>
        {
            errors.at(
                ty.span(),
                "a function returning a borrowed reference cannot be exported: the result must \
                 outlive the call's arguments; return an owned value (`String` rather than \
                 `&str`)",
            )
        }
        _ => {}
    }
}
