//! darling value types shared by every macro's options, each with an error that says what
//! to write instead of darling's generic "Unexpected type".

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprPath, Meta, Path};

use super::errors::Errors;

/// An option's value together with the span of its key (`range` in `range(min = 1)`), so
/// that errors about the option point at its name even when its value is empty.
#[derive(Clone)]
pub struct Keyed<T> {
    pub value: T,
    pub key: Span,
}

impl<T: FromMeta> FromMeta for Keyed<T> {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let value = T::from_meta(item).map_err(|error| error.with_span(item))?;
        Ok(Keyed {
            value,
            key: item.path().span(),
        })
    }
}

impl<T> std::ops::Deref for Keyed<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// An option that is present or absent and takes no value: `into`, not `into = true`.
#[derive(Default, Clone)]
pub struct Switch(Option<Span>);

impl Switch {
    pub fn is_present(&self) -> bool {
        self.0.is_some()
    }

    pub fn span(&self) -> Span {
        self.0.unwrap_or_else(Span::call_site)
    }
}

impl FromMeta for Switch {
    /// Absent means off; darling asks this when the key is not written.
    fn from_none() -> Option<Self> {
        Some(Switch(None))
    }

    fn from_meta(item: &Meta) -> darling::Result<Self> {
        match item {
            Meta::Path(path) => Ok(Switch(Some(path.span()))),
            _ => {
                let name = darling::util::path_to_string(item.path());
                Err(darling::Error::custom(format!(
                    "`{name}` is a switch and takes no value; write `{name}` alone"
                ))
                .with_span(item))
            }
        }
    }
}

/// A path to a function, written bare: `custom = checks::is_email`, `validate = Self::check`
/// or `validate = <Self as Checked>::check`.
pub struct FnPath(pub ExprPath);

impl FromMeta for FnPath {
    fn from_word() -> darling::Result<Self> {
        Err(darling::Error::custom(
            "this option needs a function: write `option = path::to::function`",
        ))
    }

    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Path(path) => Ok(FnPath(path.clone())),
            Expr::Group(group) => FnPath::from_expr(&group.expr),
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => text.parse().map(FnPath).map_err(|_| fn_path_expected(expr)),
            _ => Err(fn_path_expected(expr)),
        }
    }
}

fn fn_path_expected(expr: &Expr) -> darling::Error {
    darling::Error::custom(
        "expected the path of a function, e.g. `checks::is_email` or `Self::check`; \
         for a closure, define a function and name it here",
    )
    .with_span(expr)
}

/// The path of the `modsmith` crate, when renamed: `crate = my_modsmith`.
#[derive(Clone)]
pub struct CratePath(pub Path);

impl FromMeta for CratePath {
    fn from_word() -> darling::Result<Self> {
        Err(darling::Error::custom(
            "`crate` needs the path under which `modsmith` is reachable, e.g. `crate = my_modsmith`",
        ))
    }

    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        // darling alone says "Unexpected type `int`" for `crate = 5`.
        Path::from_expr(expr)
            .map(CratePath)
            .map_err(|_| crate_path_expected().with_span(expr))
    }

    fn from_string(value: &str) -> darling::Result<Self> {
        Path::from_string(value)
            .map(CratePath)
            .map_err(|_| crate_path_expected())
    }
}

/// What `crate = ..` takes, for a value that is not a path.
pub fn crate_path_expected() -> darling::Error {
    darling::Error::custom(
        "`crate` takes the path under which `modsmith` is reachable, e.g. `crate = my_modsmith`",
    )
}

/// An attribute's arguments as darling's list of items; `None` when they do not parse as
/// one (the error is pushed).
pub fn meta_items(args: proc_macro2::TokenStream, errors: &mut Errors) -> Option<Vec<NestedMeta>> {
    errors.handle(NestedMeta::parse_meta_list(args))
}

/// A string option: `key = "text"`. Any other value is refused in words that name the option
/// and show what to write (darling alone says "Unexpected type `int`").
#[derive(Clone, Default)]
pub struct Text(pub String);

impl FromMeta for Text {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        let key = darling::util::path_to_string(item.path());
        let Meta::NameValue(name_value) = item else {
            return Err(text_expected(&key).with_span(item));
        };
        // `macro_rules!` hands an `$x:expr` over in an invisible group.
        let mut value = &name_value.value;
        while let Expr::Group(group) = value {
            value = &group.expr;
        }
        match value {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Ok(Text(text.value())),
            other => Err(text_expected(&key).with_span(other)),
        }
    }
}

/// What a string option looks like, with an example for the options that have one.
fn text_expected(key: &str) -> darling::Error {
    let example = TEXT_EXAMPLES
        .iter()
        .find(|(known, _)| *known == key)
        .map_or("..", |(_, example)| example);
    darling::Error::custom(format!(
        "`{key}` takes a string in quotes: `{key} = \"{example}\"`"
    ))
}

/// Examples for the string options of every macro, by key.
const TEXT_EXAMPLES: &[(&str, &str)] = &[
    ("timeout", "10s"),
    ("base_url", "https://api.example.com"),
    ("target", "my_app::db"),
    ("name", "load_user"),
    ("version", "2.1"),
];

/// Every `key =` with nothing after it (before a `,` or the end of its list) in the
/// `#[name(..)]` attributes, as an error at the key. syn reports these as "unexpected end of
/// input" at the macro's call site, far from the option; a derive then points at
/// `#[derive(..)]` with nothing to say which option it means.
pub fn missing_values(attrs: &[syn::Attribute], name: &str) -> Vec<syn::Error> {
    let mut found = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(name)) {
        if let Meta::List(list) = &attr.meta {
            collect_missing_values(list.tokens.clone(), &mut found);
        }
    }
    found
}

fn collect_missing_values(tokens: proc_macro2::TokenStream, found: &mut Vec<syn::Error>) {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => collect_missing_values(group.stream(), found),
            TokenTree::Punct(equals) if equals.as_char() == '=' => {
                let key = index
                    .checked_sub(1)
                    .and_then(|before| trees.get(before))
                    .and_then(|key| match key {
                        TokenTree::Ident(key) => Some(key),
                        _ => None,
                    });
                let value_missing = match trees.get(index + 1) {
                    None => true,
                    Some(TokenTree::Punct(next)) => next.as_char() == ',',
                    Some(_) => false,
                };
                if let (Some(key), true) = (key, value_missing) {
                    let how = super::errors::how_to_write(&key.to_string())
                        .map_or_else(|| format!("`{key} = value`"), str::to_owned);
                    found.push(syn::Error::new(
                        key.span(),
                        format!("`{key} =` has no value after `=`; write {how}"),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// The items of every `#[name(..)]` attribute, with the `key = Type` entries taken out and
/// parsed as types: no `Meta` parses a type such as `dyn Plugin` as a value, so darling
/// cannot read them. The other items are left for darling's `from_list`. An item that does
/// not parse is reported, and the items after it in its attribute are still read.
pub fn items_with_types(
    attrs: &[syn::Attribute],
    name: &str,
    key: &str,
    errors: &mut Errors,
) -> (Vec<NestedMeta>, Vec<Keyed<syn::Type>>) {
    enum Item {
        Meta(NestedMeta),
        Typed(Keyed<syn::Type>),
    }
    let mut items = Vec::new();
    let mut types = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(name)) {
        let read = attr.parse_args_with(|input: syn::parse::ParseStream| {
            Ok(super::recover::entries(
                input,
                syn::Token![,],
                errors,
                |entry| {
                    let is_key = entry.peek2(syn::Token![=])
                        && entry
                            .fork()
                            .parse::<syn::Ident>()
                            .is_ok_and(|ident| ident == key);
                    let item = if is_key {
                        let ident: syn::Ident = entry.parse()?;
                        entry.parse::<syn::Token![=]>()?;
                        Item::Typed(Keyed {
                            value: entry.parse()?,
                            key: ident.span(),
                        })
                    } else {
                        Item::Meta(entry.parse()?)
                    };
                    if !entry.is_empty() && !entry.peek(syn::Token![,]) {
                        return Err(entry.error("expected `,` between two options"));
                    }
                    Ok(item)
                },
            ))
        });
        for item in errors.handle(read).unwrap_or_default() {
            match item {
                Item::Meta(item) => items.push(item),
                Item::Typed(typed) => types.push(typed),
            }
        }
    }
    (items, types)
}
