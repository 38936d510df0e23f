//! What a function's signature says, read once with syn's visitors (never from its text):
//! receiver, qualifiers, generics, parameters and the shape of its return type. Macros that
//! wrap, expose or swap functions (`#[instrument]`, and the runtime-module, adaptive and
//! composition macros) decide from this.

use syn::ext::IdentExt;
use syn::visit::Visit;
use syn::{
    FnArg, GenericArgument, Ident, Pat, PathArguments, ReceiverKind, ReturnType, Safety, Signature,
    Type,
};

/// How a method takes `self`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Receiver {
    /// `self` or `mut self`.
    Value,
    /// `&self` (with any lifetime).
    Ref,
    /// `&mut self`.
    RefMut,
    /// `self: Box<Self>`, `self: Pin<&mut Self>`, ...
    Typed,
}

/// One parameter of a function (not the receiver).
#[allow(
    dead_code,
    reason = "the whole analysis is read by the coming runtime-module, adaptive and composition macros; `#[instrument]` reads part of it"
)]
pub struct Param<'a> {
    /// The name, when the pattern is a plain binding (`x`, `mut x`, `ref x`).
    pub ident: Option<&'a Ident>,
    /// The names it binds: its name, or every binding of a destructuring pattern
    /// (`(a, b): (u8, u8)`, `Point { x, y }: Point`).
    pub bindings: Vec<&'a Ident>,
    /// Its one binding holds the whole value, or the value behind its reference (`x`,
    /// `&x`): the binding's type is then read from the parameter's.
    pub binds_whole: bool,
    pub ty: &'a Type,
    /// Its type has an `impl Trait` (an anonymous generic parameter).
    pub impl_trait: bool,
    /// Its type has a reference or a lifetime: it borrows.
    pub borrowed: bool,
}

/// A function's signature, analysed.
#[allow(
    dead_code,
    reason = "the whole analysis is read by the coming runtime-module, adaptive and composition macros; `#[instrument]` reads part of it"
)]
pub struct FnSignature<'a> {
    pub sig: &'a Signature,
    pub receiver: Option<Receiver>,
    pub is_async: bool,
    pub is_unsafe: bool,
    pub is_const: bool,
    /// `extern "C" fn`: the ABI, when written.
    pub is_extern: bool,
    /// Type or const generic parameters (lifetimes alone do not count).
    pub is_generic: bool,
    pub params: Vec<Param<'a>>,
    /// `None` for `-> ()` written out or left out.
    pub output: Option<&'a Type>,
}

impl<'a> FnSignature<'a> {
    pub fn new(sig: &'a Signature) -> Self {
        let receiver = sig.receiver().map(|receiver| match &receiver.kind {
            ReceiverKind::Value => Receiver::Value,
            ReceiverKind::Reference(_, _, Some(_)) => Receiver::RefMut,
            ReceiverKind::Reference(_, _, None) => Receiver::Ref,
            // `Typed`, and shapes a later syn adds (`&pin mut self`).
            _ => Receiver::Typed,
        });
        let params = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                FnArg::Typed(typed) => {
                    let shape = TypeContents::of(&typed.ty);
                    Some(Param {
                        ident: match &*typed.pat {
                            Pat::Ident(pat) => Some(&pat.ident),
                            _ => None,
                        },
                        bindings: bindings(&typed.pat),
                        binds_whole: binds_whole(&typed.pat),
                        ty: &typed.ty,
                        impl_trait: shape.impl_trait,
                        borrowed: shape.borrows(),
                    })
                }
                FnArg::Receiver(_) => None,
            })
            .collect();
        let output = match &sig.output {
            ReturnType::Type(_, ty) => match &**ty {
                Type::Tuple(tuple) if tuple.elems.is_empty() => None,
                ty => Some(ty),
            },
            ReturnType::Default => None,
        };
        FnSignature {
            sig,
            receiver,
            is_async: sig.asyncness.is_some(),
            is_unsafe: matches!(sig.safety, Safety::Unsafe(_)),
            is_const: sig.constness.is_some(),
            is_extern: sig.abi.is_some(),
            is_generic: sig.generics.type_params().next().is_some()
                || sig.generics.const_params().next().is_some(),
            params,
            output,
        }
    }

    /// Whether it returns a `Result` (`Result<T, E>`, `io::Result<T>`, `fmt::Result`), or a
    /// boxed future of one (`Pin<Box<dyn Future<Output = Result<..>> + Send>>`, what
    /// `#[async_trait]` makes of an `async fn`). An associated type (`<S as Service>::Result`)
    /// is not taken for one: it may be anything.
    pub fn returns_result(&self) -> bool {
        self.output
            .is_some_and(|ty| is_result(ty) || future_output(ty).is_some_and(is_result))
    }

    /// Whether the return type can be no `Result` whatever the names in scope: none, a
    /// tuple, reference, array, pointer or function type, or a primitive or standard type
    /// written by its usual name. (A path such as `MyResult<T>` may be an alias of one.)
    pub fn surely_not_result(&self) -> bool {
        const NOT_RESULTS: &[&str] = &[
            "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
            "i64", "i128", "isize", "f32", "f64", "String", "Vec", "Option", "Box",
        ];
        match self.output {
            None => true,
            Some(ty @ Type::Path(path)) => {
                path.qself.is_none()
                    && path.path.segments.len() == 1
                    && path
                        .path
                        .segments
                        .first()
                        .is_some_and(|segment| NOT_RESULTS.iter().any(|name| segment.ident == name))
                    // `Box<dyn Future<Output = Result<..>>>` is a future of one.
                    && future_output(ty).is_none()
            }
            Some(
                Type::Tuple(_)
                | Type::Reference(_)
                | Type::Array(_)
                | Type::Slice(_)
                | Type::Ptr(_)
                | Type::FnPtr(_)
                | Type::Never(_),
            ) => true,
            Some(_) => false,
        }
    }

    /// The return type, when it can be written on a closure inside the body: no `impl Trait`,
    /// no `Self` (a closure in a trait's default method would not see it as the function
    /// does), no macro, and no lifetimes, elided or named, which a closure would not tie to
    /// the function's.
    pub fn closure_return_type(&self) -> Option<&'a Type> {
        let ty = self.output?;
        let shape = TypeContents::of(ty);
        let plain = !shape.impl_trait && !shape.borrows() && !shape.self_type && !shape.macro_type;
        plain.then_some(ty)
    }
}

/// The names a parameter's pattern binds, in order: `x`, or those of a tuple, struct, tuple
/// struct or reference pattern, at any depth. (`x @ pattern` gives `x`; `_`, literals and
/// ranges bind nothing.)
pub fn bindings(pat: &Pat) -> Vec<&Ident> {
    let mut found = Vec::new();
    collect_bindings(pat, &mut found);
    found
}

fn binds_whole(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(binding) => binding.subpat.is_none(),
        Pat::Reference(reference) => binds_whole(&reference.pat),
        Pat::Paren(paren) => binds_whole(&paren.pat),
        _ => false,
    }
}

fn collect_bindings<'a>(pat: &'a Pat, found: &mut Vec<&'a Ident>) {
    match pat {
        Pat::Ident(binding) => found.push(&binding.ident),
        Pat::Reference(reference) => collect_bindings(&reference.pat, found),
        Pat::Paren(paren) => collect_bindings(&paren.pat, found),
        Pat::Type(typed) => collect_bindings(&typed.pat, found),
        Pat::Tuple(tuple) => tuple
            .elems
            .iter()
            .for_each(|pat| collect_bindings(pat, found)),
        Pat::TupleStruct(tuple) => tuple
            .elems
            .iter()
            .for_each(|pat| collect_bindings(pat, found)),
        Pat::Struct(structure) => structure
            .fields
            .iter()
            .for_each(|field| collect_bindings(&field.pat, found)),
        Pat::Slice(slice) => slice
            .elems
            .iter()
            .for_each(|pat| collect_bindings(pat, found)),
        _ => {}
    }
}

/// Whether the type holds an `impl Trait` anywhere (`impl Display`, `Option<impl Display>`):
/// such a type is an anonymous generic parameter, which no expression can name.
pub fn has_impl_trait(ty: &Type) -> bool {
    TypeContents::of(ty).impl_trait
}

/// `Result`, or a `Result` reached through modules (`io::Result`, `crate::error::Result`):
/// every segment before it starts in lower case, as module names do. `Self::Result`,
/// `T::Result` and `<S as Service>::Result` are associated types, which may be anything.
fn is_result(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => {
            let segments: Vec<_> = path.path.segments.iter().collect();
            let Some((last, modules)) = segments.split_last() else {
                return false;
            };
            path.qself.is_none()
                && last.ident == "Result"
                && modules.iter().all(|segment| {
                    segment
                        .ident
                        .unraw()
                        .to_string()
                        .starts_with(|first: char| first.is_lowercase() || first == '_')
                })
        }
        Type::Paren(inner) => is_result(&inner.elem),
        Type::Group(inner) => is_result(&inner.elem),
        _ => false,
    }
}

/// `T` in a `Future<Output = T>` bound, looked for through `Pin<Box<dyn ..>>`.
fn future_output(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Path(path) => {
            let arguments = &path.path.segments.last()?.arguments;
            output_binding(arguments).or_else(|| match arguments {
                PathArguments::AngleBracketed(args) => args.args.iter().find_map(|arg| match arg {
                    GenericArgument::Type(inner) => future_output(inner),
                    _ => None,
                }),
                _ => None,
            })
        }
        Type::TraitObject(object) => object.bounds.iter().find_map(|bound| match bound {
            syn::TypeParamBound::Trait(bound) => {
                output_binding(&bound.path.segments.last()?.arguments)
            }
            _ => None,
        }),
        _ => None,
    }
}

/// `T` in `<Output = T>`.
fn output_binding(arguments: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        GenericArgument::AssocType(assoc) if assoc.ident == "Output" => Some(&assoc.ty),
        _ => None,
    })
}

/// What a type contains, found by visiting it.
#[derive(Default)]
struct TypeContents {
    impl_trait: bool,
    reference: bool,
    lifetime: bool,
    self_type: bool,
    macro_type: bool,
}

impl TypeContents {
    fn of(ty: &Type) -> Self {
        let mut shape = TypeContents::default();
        shape.visit_type(ty);
        shape
    }

    fn borrows(&self) -> bool {
        self.reference || self.lifetime
    }
}

impl<'ast> Visit<'ast> for TypeContents {
    fn visit_type_impl_trait(&mut self, node: &'ast syn::TypeImplTrait) {
        self.impl_trait = true;
        syn::visit::visit_type_impl_trait(self, node);
    }

    fn visit_type_reference(&mut self, node: &'ast syn::TypeReference) {
        self.reference = true;
        syn::visit::visit_type_reference(self, node);
    }

    fn visit_lifetime(&mut self, _: &'ast syn::Lifetime) {
        self.lifetime = true;
    }

    fn visit_path_segment(&mut self, node: &'ast syn::PathSegment) {
        if node.ident == "Self" {
            self.self_type = true;
        }
        syn::visit::visit_path_segment(self, node);
    }

    fn visit_type_macro(&mut self, _: &'ast syn::TypeMacro) {
        self.macro_type = true;
    }
}

#[cfg(test)]
mod tests {
    use super::{FnSignature, Receiver};

    fn signature(text: &str) -> syn::Signature {
        syn::parse_str::<syn::TraitItemFn>(text)
            .map(|item| item.sig)
            .unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn names_that_contain_keywords_are_plain_types() {
        for text in [
            "fn f() -> Simple;",
            "fn f() -> SelfTest;",
            "fn f() -> Implementation<Selfish>;",
            "fn f() -> Vec<u8>;",
        ] {
            let sig = signature(text);
            assert!(
                FnSignature::new(&sig).closure_return_type().is_some(),
                "{text}"
            );
        }
        for text in [
            "fn f() -> impl Iterator<Item = u8>;",
            "fn f() -> Self;",
            "fn f() -> Option<Self>;",
            "fn f(&self) -> &str;",
            "fn f() -> Cow<'static, str>;",
            "fn f() -> ty!();",
        ] {
            let sig = signature(text);
            assert!(
                FnSignature::new(&sig).closure_return_type().is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn results_are_recognised_by_their_path() {
        for (text, expected) in [
            ("fn f() -> Result<u8, E>;", true),
            ("fn f() -> std::io::Result<()>;", true),
            ("fn f() -> fmt::Result;", true),
            (
                "fn f() -> Pin<Box<dyn Future<Output = Result<u8, E>> + Send>>;",
                true,
            ),
            ("fn f() -> <S as Service>::Result;", false),
            ("fn f() -> Self::Result;", false),
            ("fn f() -> T::Result;", false),
            ("fn f() -> crate::error::Result<u8>;", true),
            ("fn f() -> anyhow::Result<u8>;", true),
            ("fn f() -> ResultSet;", false),
            ("fn f() -> Option<Result<u8, E>>;", false),
            ("fn f();", false),
        ] {
            let sig = signature(text);
            assert_eq!(FnSignature::new(&sig).returns_result(), expected, "{text}");
        }
    }

    #[test]
    fn returns_that_are_surely_no_result() {
        for (text, expected) in [
            ("fn f();", true),
            ("fn f() -> u8;", true),
            ("fn f() -> (u8, u8);", true),
            ("fn f() -> &str;", true),
            ("fn f() -> Option<u8>;", true),
            ("fn f() -> Result<u8, E>;", false),
            ("fn f() -> MyResult<u8>;", false),
            ("fn f() -> Box<dyn Future<Output = Result<u8, E>>>;", false),
            ("fn f() -> impl Future<Output = Result<u8, E>>;", false),
        ] {
            let sig = signature(text);
            assert_eq!(
                FnSignature::new(&sig).surely_not_result(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn receivers_qualifiers_and_parameters() {
        let sig = signature("async unsafe fn f<T>(&mut self, a: &str, b: impl Fn(), c: u8);");
        let analysed = FnSignature::new(&sig);
        assert_eq!(analysed.receiver, Some(Receiver::RefMut));
        assert!(analysed.is_async && analysed.is_unsafe && analysed.is_generic);
        let params: Vec<(bool, bool)> = analysed
            .params
            .iter()
            .map(|param| (param.borrowed, param.impl_trait))
            .collect();
        assert_eq!(params, [(true, false), (false, true), (false, false)]);
        let sig = signature("fn g(self: Box<Self>) -> u8;");
        assert_eq!(FnSignature::new(&sig).receiver, Some(Receiver::Typed));
    }
}
