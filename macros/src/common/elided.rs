//! Elided lifetimes made explicit: `&Card` becomes `&'__modsmith_e0 Card`, so that a type
//! written in a function's parameters can be a field of a struct (where rustc allows no
//! elision) with one lifetime parameter per elided lifetime.
//!
//! Read by hand over `syn::Type` (no `visit-mut`, which every user would compile for this one
//! use). Lifetimes inside `fn(..)` pointer types and `Fn(..)` sugar are their own, bound
//! there, and are left alone. A lifetime a path hides entirely (`Formatter` for
//! `Formatter<'_>`) cannot be seen in the tokens: rustc then asks for `<'_>` at the type.

use proc_macro2::Span;
use syn::{GenericArgument, Lifetime, PathArguments, ReturnType, Type, TypeParamBound};

/// Names elided lifetimes in order, `'__modsmith_e0`, `'__modsmith_e1`, ...
#[derive(Default)]
pub struct Elided {
    /// Every lifetime named so far, in order.
    pub named: Vec<Lifetime>,
}

impl Elided {
    fn fresh(&mut self, span: Span) -> Lifetime {
        let lifetime = Lifetime::new(&format!("'__modsmith_e{}", self.named.len()), span);
        self.named.push(lifetime.clone());
        lifetime
    }

    /// `ty` with each elided lifetime (`&T`, `&'_ T`, `Cow<'_, str>`, `dyn Trait + '_`)
    /// given a fresh name.
    pub fn name_all(&mut self, ty: &Type) -> Type {
        let mut ty = ty.clone();
        self.visit(&mut ty, &mut |elided, span| Some(elided.fresh(span)));
        ty
    }

    fn visit(
        &mut self,
        ty: &mut Type,
        replace: &mut impl FnMut(&mut Self, Span) -> Option<Lifetime>,
    ) {
        match ty {
            Type::Reference(reference) => {
                let span = reference.and_token.span;
                match &mut reference.lifetime {
                    None => reference.lifetime = replace(self, span),
                    Some(lifetime) if lifetime.ident == "_" => {
                        if let Some(named) = replace(self, lifetime.span()) {
                            *lifetime = named;
                        }
                    }
                    Some(_) => {}
                }
                self.visit(&mut reference.elem, replace);
            }
            Type::Path(path) => {
                if let Some(qself) = &mut path.qself {
                    self.visit(&mut qself.ty, replace);
                }
                for segment in &mut path.path.segments {
                    if let PathArguments::AngleBracketed(args) = &mut segment.arguments {
                        for arg in &mut args.args {
                            match arg {
                                GenericArgument::Lifetime(lifetime) if lifetime.ident == "_" => {
                                    if let Some(named) = replace(self, lifetime.span()) {
                                        *lifetime = named;
                                    }
                                }
                                GenericArgument::Type(inner) => self.visit(inner, replace),
                                GenericArgument::AssocType(assoc) => {
                                    self.visit(&mut assoc.ty, replace);
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            Type::TraitObject(object) => {
                for bound in &mut object.bounds {
                    if let TypeParamBound::Lifetime(lifetime) = bound
                        && lifetime.ident == "_"
                        && let Some(named) = replace(self, lifetime.span())
                    {
                        *lifetime = named;
                    }
                }
            }
            Type::Tuple(tuple) => {
                for elem in &mut tuple.elems {
                    self.visit(elem, replace);
                }
            }
            Type::Slice(slice) => self.visit(&mut slice.elem, replace),
            Type::Array(array) => self.visit(&mut array.elem, replace),
            Type::Paren(paren) => self.visit(&mut paren.elem, replace),
            Type::Group(group) => self.visit(&mut group.elem, replace),
            Type::Ptr(pointer) => self.visit(&mut pointer.elem, replace),
            _ => {}
        }
    }

    /// The return type with its elided lifetimes given `lifetime`, as rustc's elision rules
    /// do for a function whose parameters have exactly one lifetime.
    pub fn output_with(lifetime: &Lifetime, output: &ReturnType) -> Type {
        match output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, ty) => {
                let mut ty = (**ty).clone();
                Elided::default().visit(&mut ty, &mut |_, _| Some(lifetime.clone()));
                ty
            }
        }
    }
}

/// Every lifetime a type names explicitly (`'a` in `&'a str`), in order, without repeats:
/// after [`Elided::name_all`], every lifetime it has.
pub fn lifetimes_in(ty: &Type, found: &mut Vec<Lifetime>) {
    struct Collect<'f>(&'f mut Vec<Lifetime>);
    impl<'ast> syn::visit::Visit<'ast> for Collect<'_> {
        fn visit_lifetime(&mut self, lifetime: &'ast Lifetime) {
            if lifetime.ident != "static"
                && !self.0.iter().any(|known| known.ident == lifetime.ident)
            {
                self.0.push(lifetime.clone());
            }
        }
        // Lifetimes bound inside `fn(..)` and `Fn(..)` are their own.
        fn visit_type_fn_ptr(&mut self, _: &'ast syn::TypeFnPtr) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'ast syn::ParenthesizedGenericArguments,
        ) {
        }
        fn visit_bound_lifetimes(&mut self, _: &'ast syn::BoundLifetimes) {}
    }
    syn::visit::Visit::visit_type(&mut Collect(found), ty);
}
