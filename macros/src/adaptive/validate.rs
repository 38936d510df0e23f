//! Model → checked model: every function of the module as a slot, with its parameters read
//! into the arguments struct middleware sees, and everything that cannot be a slot refused
//! with what to write instead.

use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Attribute, FnArg, GenericParam, Ident, Lifetime, Pat, Path, ReturnType, Signature, Type,
    Visibility,
};

use super::parse::{ModuleOptions, take_fn_options};
use crate::common::crate_path::crate_path;
use crate::common::docs::doc_text;
use crate::common::elided::{Elided, lifetimes_in};
use crate::common::errors::Errors;
use crate::common::shallow::{ShallowItem, ShallowKind, ShallowModule};
use crate::common::signature::FnSignature;
use crate::common::source_text::source_text;

/// Names the macro adds to the module.
const ADDED: &[&str] = &["adapt", "interface", "supports"];

/// The checked module.
pub struct Adaptive {
    pub krate: Path,
    /// The module's name.
    pub module: String,
    /// `version = ".."`; empty when not given.
    pub version: String,
    pub doc: String,
    pub slots: Vec<Slot>,
    /// The names the macro adds that the module does not have already (one it has is an
    /// error; adding ours would add rustc's E0428 to it).
    pub free_names: Vec<&'static str>,
    /// Functions declared without a body that could not become slots: given a body that is
    /// never compiled into a working program (the module has an error), so that rustc does
    /// not add "free function without a body" to it.
    pub stubbed: Vec<usize>,
}

impl Adaptive {
    /// Whether the macro may add `name` to the module.
    pub fn adds(&self, name: &str) -> bool {
        self.free_names.contains(&name)
    }
}

/// One function of the module, as a slot.
pub struct Slot {
    /// Its position among the module's items, which the generated items replace.
    pub position: usize,
    pub ident: Ident,
    /// Its name without `r#`.
    pub name: String,
    /// `Charge` for `charge`: the handle's type in `adapt`, and `ChargeArgs`.
    pub camel: String,
    pub optional: bool,
    pub vis: Visibility,
    /// Its attributes (`#[adaptive(..)]` taken off).
    pub attrs: Vec<Attribute>,
    /// Its `#[cfg(..)]` attributes, repeated on every item generated for it.
    pub cfg: Vec<Attribute>,
    pub sig: Signature,
    /// The body as written; `None` for an optional function.
    pub body: Option<TokenStream>,
    pub doc: String,
    /// `fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError>`.
    pub signature_text: String,
    pub params: Vec<Param>,
    /// The lifetime parameters of the arguments struct, in order.
    pub args_lifetimes: Vec<Lifetime>,
    /// The return type with the arguments struct's lifetimes; `()` without one.
    pub out: Type,
    /// `T` of a `Result<T, E>` return, as written; empty otherwise.
    pub ok_text: String,
}

/// A parameter of a slot.
pub struct Param {
    /// The wrapper's parameter and the arguments struct's field: the parameter's name, or
    /// `argN` for a pattern.
    pub field: Ident,
    /// The wrapper's parameter: the parameter's name, or `__modsmith_argN` for a pattern.
    pub binding: Ident,
    /// The type as written.
    pub ty: Type,
    /// The type with its lifetimes named, as the arguments struct's field.
    pub field_ty: Type,
    /// For `&T` (but `&str` and `&[u8]`, which convert as they are): `T`, converted into a
    /// `Value` from the reference.
    pub by_ref: Option<Type>,
    pub ty_text: String,
}

/// The checked model of the module the attribute is on; its `#[adaptive(..)]` attributes
/// are taken off. `None` when nothing can be generated.
pub fn validate(
    options: &ModuleOptions,
    module: &mut ShallowItem,
    errors: &mut Errors,
) -> Option<Adaptive> {
    let krate = crate_path(options.krate.as_ref().map(|krate| &krate.0));
    let doc = doc_text(&module.attrs);
    let ShallowKind::Module(ShallowModule {
        ident,
        content: Some(content),
    }) = &mut module.kind
    else {
        return None;
    };
    let version = options
        .version
        .as_ref()
        .map_or_else(String::new, |version| version.value.0.clone());
    let mut adaptive = Adaptive {
        krate,
        module: ident.unraw().to_string(),
        version,
        doc,
        slots: Vec::new(),
        free_names: ADDED.to_vec(),
        stubbed: Vec::new(),
    };
    let mut handles: Vec<Added> = Vec::new();
    for (position, item) in content.items.iter_mut().enumerate() {
        for name in item
            .ident()
            .cloned()
            .into_iter()
            .chain(item.imported_names())
        {
            if let Some(added) = ADDED.iter().find(|added| name.unraw() == **added) {
                adaptive.free_names.retain(|free| free != added);
                errors.at(
                    name.span(),
                    format!(
                        "`#[adaptive]` adds `{added}` to this module, which already has that \
                         name; rename the item, or import it `as` another name"
                    ),
                );
            }
        }
        let taken = take_fn_options(&mut item.attrs, errors);
        let (sig, body) = match &item.kind {
            ShallowKind::Fn(sig) => (sig.clone(), Some(body_of(&item.tokens))),
            ShallowKind::Declared(sig) => (sig.clone(), None),
            _ => {
                if let Some(attribute) = &taken.attribute {
                    errors.spanned(
                        attribute,
                        "`#[adaptive(..)]` goes on a function of the module, and other items \
                         are left as written; remove it here",
                    );
                }
                continue;
            }
        };
        let checkpoint = errors.checkpoint();
        let optional = taken
            .options
            .as_ref()
            .is_some_and(|options| options.optional.is_present());
        // Options that did not parse are reported already: whether a body is expected is
        // then unknown.
        if taken.options.is_some() {
            check_body(&sig, body.as_ref(), optional, &adaptive.module, errors);
        }
        check_signature(&sig, optional, errors);
        if errors.failed_since(checkpoint) {
            if body.is_none() {
                adaptive.stubbed.push(position);
            }
            continue;
        }
        let name = sig.ident.unraw().to_string();
        let camel = handle_name(&name);
        let cfg = source_text(
            item.attrs
                .iter()
                .filter(|attr| attr.path().is_ident("cfg"))
                .map(quote::ToTokens::to_token_stream)
                .collect(),
        );
        // Each function adds two types to `adapt`: its handle and its arguments struct.
        // Functions of one name under different `#[cfg]`s are alternatives (rustc reports
        // them if both are compiled).
        let added = [camel.clone(), format!("{camel}Args")];
        let clash = handles.iter().find(|taken| {
            added.contains(&taken.type_name) && !(taken.function == name && taken.cfg != cfg)
        });
        if let Some(taken) = clash {
            errors.at(
                sig.ident.span(),
                format!(
                    "`{name}` adds `adapt::{camel}` and `adapt::{camel}Args`, and `{}` adds \
                     `adapt::{}` already; rename one of the two functions",
                    taken.function, taken.type_name
                ),
            );
            errors.at(taken.at, format!("`{}` is declared here", taken.function));
            continue;
        }
        for type_name in added {
            handles.push(Added {
                type_name,
                function: name.clone(),
                cfg: cfg.clone(),
                at: sig.ident.span(),
            });
        }
        let slot = slot(position, item, sig, body, optional, name, camel);
        if let Some(unused) = lifetime_only_in_return(&slot) {
            errors.spanned(
                &unused,
                format!(
                    "`{unused}` appears in no parameter of `{}`, which a replacement's closure \
                     type cannot express; use it in a parameter, or return `'static` data",
                    slot.name
                ),
            );
            continue;
        }
        adaptive.slots.push(slot);
    }
    Some(adaptive)
}

/// A type name the macro adds to `adapt`, with the function it is for.
struct Added {
    type_name: String,
    function: String,
    /// The function's `#[cfg(..)]` attributes, as text.
    cfg: String,
    at: Span,
}

/// `Charge` for `charge`: a type name whatever the function's name (`_3ds`, `__`, `self_`).
fn handle_name(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel == "Self" {
        "SelfFn".to_owned()
    } else if camel.starts_with(|first: char| first.is_alphabetic()) {
        camel
    } else {
        format!("Fn{camel}")
    }
}

/// A lifetime parameter of the function that no parameter's type names (`fn f<'a>() ->
/// &'a str`).
fn lifetime_only_in_return(slot: &Slot) -> Option<Lifetime> {
    slot.sig
        .generics
        .lifetimes()
        .map(|param| &param.lifetime)
        .find(|lifetime| {
            !slot
                .args_lifetimes
                .iter()
                .any(|used| used.ident == lifetime.ident)
        })
        .cloned()
}

/// An optional function has no body; any other has one.
fn check_body(
    sig: &Signature,
    body: Option<&TokenStream>,
    optional: bool,
    module: &str,
    errors: &mut Errors,
) {
    match (body, optional) {
        (Some(body), true) => errors.spanned(
            body,
            format!(
                "an optional function has no body: it is provided at run time; end it with `;` \
                 (`fn {}(..) -> ..;`), or remove `#[adaptive(optional)]`",
                sig.ident
            ),
        ),
        (None, false) => errors.spanned(
            sig,
            format!(
                "`{0}` has no body; give it one, or mark it `#[adaptive(optional)]` to provide it \
                 at run time (`{module}::adapt::{0}.provide(..)`)",
                sig.ident.unraw()
            ),
        ),
        _ => {}
    }
}

/// The last token tree of a function's tokens: its body.
fn body_of(tokens: &TokenStream) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .last()
        .map(TokenStream::from)
        .unwrap_or_default()
}

fn slot(
    position: usize,
    item: &ShallowItem,
    sig: Signature,
    body: Option<TokenStream>,
    optional: bool,
    name: String,
    camel: String,
) -> Slot {
    let mut elided = Elided::default();
    let mut lifetimes = Vec::new();
    let names: Vec<String> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(binding) => Some(binding.ident.unraw().to_string()),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    let params: Vec<Param> = sig
        .inputs
        .iter()
        .enumerate()
        .filter_map(|(index, input)| match input {
            FnArg::Typed(typed) => {
                let (field, binding) = match &*typed.pat {
                    Pat::Ident(binding) if binding.subpat.is_none() => {
                        (binding.ident.clone(), binding.ident.clone())
                    }
                    _ => {
                        // `argN`, unless a parameter has that name.
                        let mut field = format!("arg{index}");
                        while names.contains(&field) {
                            field.push('_');
                        }
                        (
                            Ident::new(&field, typed.pat.span()),
                            Ident::new(&format!("__modsmith_arg{index}"), typed.pat.span()),
                        )
                    }
                };
                let field_ty = elided.name_all(&typed.ty);
                lifetimes_in(&field_ty, &mut lifetimes);
                Some(Param {
                    field,
                    binding,
                    by_ref: referent(&typed.ty),
                    ty_text: source_text(quote::ToTokens::to_token_stream(&typed.ty)),
                    ty: (*typed.ty).clone(),
                    field_ty,
                })
            }
            FnArg::Receiver(_) => None,
        })
        .collect();
    let out = match (&sig.output, lifetimes.as_slice()) {
        (ReturnType::Type(_, _), [only]) => Elided::output_with(only, &sig.output),
        (ReturnType::Type(_, ty), _) => (**ty).clone(),
        (ReturnType::Default, _) => syn::parse_quote!(()),
    };
    let ok_text = match &sig.output {
        ReturnType::Type(_, ty) => ok_type(ty)
            .map(|ok| source_text(quote::ToTokens::to_token_stream(ok)))
            .unwrap_or_default(),
        ReturnType::Default => String::new(),
    };
    let cfg = item
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .cloned()
        .collect();
    Slot {
        position,
        ident: sig.ident.clone(),
        name,
        camel,
        optional,
        vis: item.vis.clone(),
        attrs: item.attrs.clone(),
        cfg,
        doc: doc_text(&item.attrs),
        signature_text: signature_text(&sig),
        params,
        args_lifetimes: lifetimes,
        out,
        ok_text,
        sig,
        body,
    }
}

/// `fn name<'a>(pattern: Type, ..) -> Return`, each part as written, spaced as rustdoc shows
/// it.
fn signature_text(sig: &Signature) -> String {
    let text = |tokens: &dyn quote::ToTokens| source_text(tokens.to_token_stream());
    let params: Vec<String> = sig
        .inputs
        .iter()
        .map(|input| match input {
            FnArg::Typed(typed) => format!("{}: {}", text(&typed.pat), text(&typed.ty)),
            FnArg::Receiver(receiver) => text(receiver),
        })
        .collect();
    let generics = if sig.generics.params.is_empty() {
        String::new()
    } else {
        text(&sig.generics)
    };
    let ret = match &sig.output {
        ReturnType::Default => String::new(),
        ReturnType::Type(_, ty) => format!(" -> {}", text(ty)),
    };
    format!(
        "fn {}{generics}({}){ret}",
        sig.ident.unraw(),
        params.join(", ")
    )
}

/// `T` of `&T`, unless `&T` itself converts into a `Value` (`&str`, `&[u8]`).
fn referent(ty: &Type) -> Option<Type> {
    let Type::Reference(reference) = strip(ty) else {
        return None;
    };
    let elem = strip(&reference.elem);
    let borrowed_as_is = match elem {
        Type::Path(path) => path.path.is_ident("str"),
        Type::Slice(slice) => {
            matches!(strip(&slice.elem), Type::Path(path) if path.path.is_ident("u8"))
        }
        _ => false,
    };
    (!borrowed_as_is).then(|| elem.clone())
}

fn strip(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => strip(&group.elem),
        Type::Paren(paren) => strip(&paren.elem),
        other => other,
    }
}

/// `T` of `Result<T, E>` (by its last segment).
fn ok_type(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = strip(ty) else {
        return None;
    };
    let segment = path.path.segments.last()?;
    if segment.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// Whether the return type is `Option<..>` by its last segment.
fn is_option(ty: &Type) -> bool {
    matches!(strip(ty), Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// Everything a slot cannot be, each with what to write instead.
fn check_signature(sig: &Signature, optional: bool, errors: &mut Errors) {
    let analysed = FnSignature::new(sig);
    let name = &sig.ident;
    let outside = "or move it out of the `#[adaptive]` module";
    if let Some(asyncness) = &sig.asyncness {
        errors.spanned(
            asyncness,
            format!(
                "an `async fn` cannot be a slot: a replacement would have to return the same \
                 anonymous future type; return a boxed future \
                 (`fn {name}(..) -> Pin<Box<dyn Future<Output = T> + Send>>`), {outside}"
            ),
        );
    }
    if let Some(constness) = &sig.constness {
        errors.spanned(
            constness,
            format!(
                "a `const fn` cannot be a slot: which implementation runs is decided at run \
                 time, which constant evaluation cannot ask; remove `const`, {outside}"
            ),
        );
    }
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        errors.spanned(
            unsafety,
            format!(
                "an `unsafe fn` cannot be a slot: a replacement closure cannot carry its safety \
                 contract; make it safe (with `unsafe` blocks inside), {outside}"
            ),
        );
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(
            abi,
            "an `extern` fn cannot be a slot: a slot dispatches between Rust closures; remove \
             `extern`, and keep an `extern` fn outside that calls it",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(
            variadic,
            format!("a variadic function cannot be a slot; {outside}"),
        );
    }
    for param in &sig.generics.params {
        match param {
            GenericParam::Type(param) => errors.spanned(
                param,
                format!(
                    "a generic function cannot be a slot: a slot holds one replacement, which \
                     cannot be generic over `{}`; take a concrete type or `&dyn Trait`, {outside}",
                    param.ident
                ),
            ),
            GenericParam::Const(param) => errors.spanned(
                param,
                format!(
                    "a function with a const parameter cannot be a slot; take the value as an \
                     argument, {outside}"
                ),
            ),
            GenericParam::Lifetime(param) if !param.bounds.is_empty() => errors.spanned(
                param,
                "a slot's lifetimes cannot have bounds (`'a: 'b`): a replacement closure's \
                 type cannot state them; remove the bound",
            ),
            GenericParam::Lifetime(_) => {}
        }
    }
    if let Some(clause) = &sig.generics.where_clause {
        errors.spanned(
            clause,
            "a slot cannot have a `where` clause: a replacement closure's type cannot state \
             it; remove it",
        );
    }
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                errors.spanned(receiver, "a function of a module has no `self`");
            }
            FnArg::Typed(typed) => {
                if let Some(attr) = typed.attrs.first() {
                    errors.spanned(
                        attr,
                        "a slot's parameter cannot have attributes: the slot's replacement and \
                         arguments types have one field per parameter, which a `#[cfg]` could \
                         not follow; remove it, or write two functions under `#[cfg]`",
                    );
                }
            }
        }
    }
    for param in &analysed.params {
        if param.impl_trait {
            errors.spanned(
                param.ty,
                "an `impl Trait` parameter cannot be a slot's: it makes the function generic, \
                 and a slot holds one replacement; take `&dyn Trait` or a concrete type",
            );
        }
    }
    if let ReturnType::Type(_, ty) = &sig.output
        && matches!(strip(ty), Type::Never(_))
    {
        errors.spanned(
            ty,
            format!(
                "a slot cannot return `!`: a replacement's type would need the unstable never \
                 type; return `()` (the body can still diverge), {outside}"
            ),
        );
    }
    if let ReturnType::Type(_, ty) = &sig.output
        && crate::common::signature::has_impl_trait(ty)
    {
        errors.spanned(
            ty,
            "a slot cannot return `impl Trait`: a replacement would have to return the same \
             hidden type; return a concrete type or `Box<dyn Trait>`",
        );
    }
    if optional {
        let returns_option = matches!(&sig.output, ReturnType::Type(_, ty) if is_option(ty));
        if !returns_option && analysed.surely_not_result() {
            let message = format!(
                "an optional function must return `Result<T, E>` (with `E: From<NotProvided>`) \
                 or `Option<T>`, so that calling `{name}` before anything provided it returns \
                 that error or `None` instead of panicking"
            );
            match &sig.output {
                ReturnType::Type(_, ty) => errors.spanned(ty, message),
                ReturnType::Default => errors.spanned(sig, message),
            }
        }
    }
}
