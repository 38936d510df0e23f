//! Recognising the few standard types whose shape changes what a macro generates
//! (`Option<T>` fields are optional, `String` getters return `&str`, ...), and the types that
//! need parentheses where a macro writes them after `&`.
//!
//! Recognition is syntactic: a path such as `Option<T>`, `std::option::Option<T>` or
//! `::core::option::Option<T>`. A type alias of `Option` is treated as an ordinary type.

use syn::punctuated::Punctuated;
use syn::{GenericArgument, Path, PathArguments, Token, Type, TypeParamBound};

/// What a type is, as far as generated code cares.
#[derive(Clone, Copy)]
pub enum TypeShape<'a> {
    /// `Option<T>`, with `T`.
    Option(&'a Type),
    /// `String`.
    String,
    /// `Vec<T>`, with `T`.
    Vec(&'a Type),
    /// `Box<T>`, with `T`.
    Box(&'a Type),
    /// A `Copy` primitive: integers, floats, `bool`, `char`.
    Primitive(Primitive),
    /// Anything else.
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    Integer,
    Float,
    Bool,
    Char,
}

const INTEGERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

pub fn type_shape(ty: &Type) -> TypeShape<'_> {
    let Type::Path(type_path) = ty else {
        return match ty {
            Type::Group(group) => type_shape(&group.elem),
            Type::Paren(paren) => type_shape(&paren.elem),
            _ => TypeShape::Other,
        };
    };
    if type_path.qself.is_some() {
        return TypeShape::Other;
    }
    let path = &type_path.path;
    if let Some(name) = std_path_name(path, &[&["core", "primitive"], &["std", "primitive"]])
        && let Some(primitive) = primitive_named(&name)
    {
        return if path_has_no_arguments(path) {
            TypeShape::Primitive(primitive)
        } else {
            TypeShape::Other
        };
    }
    let generic_of = |prefixes: &[&[&str]], name: &str| {
        std_path_name(path, prefixes)
            .filter(|found| found == name)
            .and_then(|_| single_type_argument(path))
    };
    if let Some(inner) = generic_of(&[&["core", "option"], &["std", "option"]], "Option") {
        return TypeShape::Option(inner);
    }
    if let Some(inner) = generic_of(&[&["alloc", "vec"], &["std", "vec"]], "Vec") {
        return TypeShape::Vec(inner);
    }
    if let Some(inner) = generic_of(&[&["alloc", "boxed"], &["std", "boxed"]], "Box") {
        return TypeShape::Box(inner);
    }
    if std_path_name(path, &[&["alloc", "string"], &["std", "string"]]).as_deref() == Some("String")
        && path_has_no_arguments(path)
    {
        return TypeShape::String;
    }
    TypeShape::Other
}

impl TypeShape<'_> {
    /// Whether `range(..)` can apply: numbers and `char`; unknown types are left to the
    /// compiler (they need `PartialOrd + Display`).
    pub fn can_be_ranged(self) -> bool {
        !matches!(
            self,
            TypeShape::String
                | TypeShape::Vec(_)
                | TypeShape::Primitive(Primitive::Bool)
                | TypeShape::Option(_)
        )
    }

    /// Whether `length(..)`/`non_empty` can apply: primitives have no length; unknown types
    /// are left to the compiler (they need `HasLength`).
    pub fn can_have_length(self) -> bool {
        !matches!(self, TypeShape::Primitive(_) | TypeShape::Option(_))
    }
}

/// `T` of `Result<T, E>` (or of a `Result<T>` alias written bare), by the same rule as
/// [`type_shape`]: bare, or under `std::result`/`core::result`.
pub fn result_ok_type(ty: &Type) -> Option<&Type> {
    let Type::Path(type_path) = ty else {
        return match ty {
            Type::Group(group) => result_ok_type(&group.elem),
            Type::Paren(paren) => result_ok_type(&paren.elem),
            _ => None,
        };
    };
    if type_path.qself.is_some() {
        return None;
    }
    let path = &type_path.path;
    std_path_name(path, &[&["core", "result"], &["std", "result"]])
        .filter(|name| name == "Result")?;
    let PathArguments::AngleBracketed(arguments) = &path.segments.last()?.arguments else {
        return None;
    };
    let mut types = arguments.args.iter().filter_map(|argument| match argument {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    let ok = types.next()?;
    // `Result<T>` (an alias) or `Result<T, E>`; anything longer is not std's `Result`.
    types.nth(1).is_none().then_some(ok)
}

/// The element type of a list written as `Vec<T>`, `[T; N]`, `&[T]` or `&Vec<T>` (std paths
/// by the rule of [`type_shape`]); a type alias of one is not recognised.
pub fn list_element(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Group(group) => list_element(&group.elem),
        Type::Paren(paren) => list_element(&paren.elem),
        Type::Array(array) => Some(&array.elem),
        Type::Reference(reference) => match &*reference.elem {
            Type::Slice(slice) => Some(&slice.elem),
            inner => match type_shape(inner) {
                TypeShape::Vec(element) => Some(element),
                _ => None,
            },
        },
        _ => match type_shape(ty) {
            TypeShape::Vec(element) => Some(element),
            _ => None,
        },
    }
}

/// Whether `ty` needs parentheses where the parser reads a type that a `+` cannot continue:
/// after `&`, `&mut`, `*const` and `*mut`, and as a `fn` pointer's return type. There the
/// parser stops at the first `+`, so a type with a `+` of its own at its top level, between
/// bounds or trailing (`dyn A + B`, `dyn A +`, `impl A +`), is cut short: `&dyn A + B` is
/// "ambiguous `+`". A `+` deeper in the type (`Box<dyn A + B>`) is inside delimiters the
/// parser has to close, so it cannot cut anything.
///
/// A macro that writes a type where a full type is read (a generic argument, a `type`
/// alias) needs no parentheses; one that does not know where the type lands (a template's
/// `$T`) parenthesises when this says so.
pub fn needs_parentheses_where_plus_ends(ty: &Type) -> bool {
    match ty {
        Type::TraitObject(object) => has_a_plus(&object.bounds),
        Type::ImplTrait(implemented) => has_a_plus(&implemented.bounds),
        // Invisible delimiters (a `$t:ty` from `macro_rules!`) are dropped from a proc macro's
        // output as far as the parser's precedence goes (rust-lang/rust#67062), so what they
        // hold is what counts.
        Type::Group(group) => needs_parentheses_where_plus_ends(&group.elem),
        _ => false,
    }
}

/// `ty` as written after a generated `&` (or `*const`): in parentheses when
/// [`needs_parentheses_where_plus_ends`] says so.
pub fn as_referent(ty: &Type) -> Type {
    if needs_parentheses_where_plus_ends(ty) {
        syn::parse_quote!((#ty))
    } else {
        ty.clone()
    }
}

fn has_a_plus(bounds: &Punctuated<TypeParamBound, Token![+]>) -> bool {
    bounds.pairs().any(|pair| pair.punct().is_some())
}

fn primitive_named(name: &str) -> Option<Primitive> {
    match name {
        "f32" | "f64" => Some(Primitive::Float),
        "bool" => Some(Primitive::Bool),
        "char" => Some(Primitive::Char),
        integer if INTEGERS.contains(&integer) => Some(Primitive::Integer),
        _ => None,
    }
}

/// The last segment's name if the path is that bare name, or one of `prefixes` followed by
/// it (with or without a leading `::`).
fn std_path_name(path: &Path, prefixes: &[&[&str]]) -> Option<String> {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let (last, leading) = segments.split_last()?;
    let leading_args_empty = leading
        .iter()
        .all(|segment| matches!(segment.arguments, PathArguments::None));
    if !leading_args_empty {
        return None;
    }
    let matches_prefix = (leading.is_empty() && path.leading_colon.is_none())
        || prefixes.iter().any(|prefix| {
            prefix.len() == leading.len()
                && prefix
                    .iter()
                    .zip(leading)
                    .all(|(expected, segment)| segment.ident == expected)
        });
    if !matches_prefix {
        return None;
    }
    Some(last.ident.to_string())
}

fn path_has_no_arguments(path: &Path) -> bool {
    path.segments
        .iter()
        .all(|segment| matches!(segment.arguments, PathArguments::None))
}

fn single_type_argument(path: &Path) -> Option<&Type> {
    let last = path.segments.last()?;
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    let mut types = arguments.args.iter();
    match (types.next(), types.next()) {
        (Some(GenericArgument::Type(inner)), None) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse_quote;

    use super::{
        Primitive, TypeShape, as_referent, list_element, needs_parentheses_where_plus_ends,
        result_ok_type, type_shape,
    };

    fn shape_name(ty: syn::Type) -> &'static str {
        match type_shape(&ty) {
            TypeShape::Option(_) => "option",
            TypeShape::String => "string",
            TypeShape::Vec(_) => "vec",
            TypeShape::Box(_) => "box",
            TypeShape::Primitive(Primitive::Integer) => "integer",
            TypeShape::Primitive(Primitive::Float) => "float",
            TypeShape::Primitive(Primitive::Bool) => "bool",
            TypeShape::Primitive(Primitive::Char) => "char",
            TypeShape::Other => "other",
        }
    }

    #[test]
    fn recognises_standard_paths_only() {
        assert_eq!(shape_name(parse_quote!(Option<u8>)), "option");
        assert_eq!(
            shape_name(parse_quote!(::core::option::Option<u8>)),
            "option"
        );
        assert_eq!(shape_name(parse_quote!(std::option::Option<u8>)), "option");
        assert_eq!(shape_name(parse_quote!(my::Option<u8>)), "other");
        assert_eq!(shape_name(parse_quote!(Option<u8, u8>)), "other");
        assert_eq!(shape_name(parse_quote!(::std::string::String)), "string");
        assert_eq!(shape_name(parse_quote!(String<u8>)), "other");
        assert_eq!(shape_name(parse_quote!(Vec<u8>)), "vec");
        assert_eq!(shape_name(parse_quote!(Box<str>)), "box");
        assert_eq!(shape_name(parse_quote!(u64)), "integer");
        assert_eq!(shape_name(parse_quote!(::core::primitive::f32)), "float");
        assert_eq!(shape_name(parse_quote!(bool)), "bool");
        assert_eq!(shape_name(parse_quote!(char)), "char");
        assert_eq!(shape_name(parse_quote!(Wrapper<u64>)), "other");
        assert_eq!(shape_name(parse_quote!(&'a str)), "other");
    }

    #[test]
    fn recognises_results_and_lists_by_std_paths() {
        let ok = |ty: syn::Type| result_ok_type(&ty).map(|ok| quote::quote!(#ok).to_string());
        assert_eq!(
            ok(parse_quote!(Result<Repo, String>)).as_deref(),
            Some("Repo")
        );
        assert_eq!(
            ok(parse_quote!(Result<Vec<u8>>)).as_deref(),
            Some("Vec < u8 >")
        );
        assert_eq!(
            ok(parse_quote!(::std::result::Result<u8, E>)).as_deref(),
            Some("u8")
        );
        assert_eq!(ok(parse_quote!(my::Result<u8, E>)), None);
        assert_eq!(ok(parse_quote!(Result)), None);
        assert_eq!(ok(parse_quote!(Results<u8>)), None);

        let element = |ty: syn::Type| list_element(&ty).map(|el| quote::quote!(#el).to_string());
        for list in [
            parse_quote!(Vec<T>),
            parse_quote!(&[T]),
            parse_quote!(&'a Vec<T>),
            parse_quote!([T; 3]),
            parse_quote!(std::vec::Vec<T>),
        ] {
            assert_eq!(element(list).as_deref(), Some("T"));
        }
        assert_eq!(element(parse_quote!(&str)), None);
        assert_eq!(element(parse_quote!(String)), None);
        assert_eq!(element(parse_quote!(my::Vec<T>)), None);
    }

    /// The parser is the judge: a type needs parentheses exactly when `&` before it does not
    /// read as one reference to the whole type, and never after `as_referent`.
    #[test]
    fn parenthesises_what_the_parser_would_cut_short() {
        let types = [
            "u8",
            "Vec<u8>",
            "dyn Send",
            "dyn Send + Sync",
            "dyn core::fmt::Debug +",
            "dyn 'static + Send",
            "dyn for<'a> Fn(&'a u8) -> u8 + Send",
            "dyn Fn() -> u8",
            "impl Sized",
            "impl Sized +",
            "impl Iterator<Item = u8> + Send",
            "(dyn Send + Sync)",
            "&'static (dyn Send + Sync)",
            "Box<dyn Send + Sync>",
            "fn() -> u8",
            "[u8]",
            "Send + Sync",
            "Send +",
            "(Send) + Sync",
        ];
        for text in types {
            let ty: syn::Type = match syn::parse_str(text) {
                Ok(ty) => ty,
                Err(error) => panic!("`{text}` does not parse: {error}"),
            };
            let read_whole = syn::parse2::<syn::Type>(quote!(&#ty)).is_ok();
            assert_eq!(
                needs_parentheses_where_plus_ends(&ty),
                !read_whole,
                "`{text}`: `&` before it reads the whole type: {read_whole}"
            );
            let referent = as_referent(&ty);
            assert!(
                syn::parse2::<syn::Type>(quote!(&#referent)).is_ok(),
                "`&{}` does not parse",
                quote!(#referent)
            );
        }
    }
}
