//! Tokens → model: the client struct, its `#[client]` and `#[headers]` attributes, and
//! each endpoint's attributes and parameters. Every attribute of every endpoint is read
//! even after an earlier one failed; only unparsable syntax stops the macro.

use darling::FromMeta;
use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{
    Attribute, Expr, FnArg, ForeignItemFn, Ident, LitStr, Pat, ReturnType, Token, Type, Visibility,
    braced,
};

use crate::common::errors::Errors;
use crate::common::options::{CratePath, Keyed};
use crate::common::recover;
use crate::common::suggest::did_you_mean;

/// The macro input as written.
pub struct ClientInput {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub endpoints: Vec<ForeignItemFn>,
}

/// Reads the client. `None` when it is not even a struct of endpoints (the error is in
/// `errors`); an endpoint that does not parse is reported and left out, so the client and
/// its other endpoints still exist for the code that uses them.
pub fn client_input(input: TokenStream, errors: &mut Errors) -> Option<ClientInput> {
    let parser = |input: ParseStream| client(input, errors);
    let read = parser.parse2(input);
    errors.handle(read)
}

fn client(input: ParseStream, errors: &mut Errors) -> syn::Result<ClientInput> {
    let attrs = input.call(Attribute::parse_outer)?;
    let vis: Visibility = input.parse()?;
    if !input.peek(Token![struct]) {
        return Err(input.error(
            "`api_client!` expects a struct of endpoints: `pub struct Name { #[get(\"/path\")] fn name(..) -> T; }`",
        ));
    }
    let _: Token![struct] = input.parse()?;
    let ident: Ident = input.parse()?;
    let content;
    braced!(content in input);
    // An endpoint ends with its own `;`: a broken one is skipped past the next `;`.
    let endpoints = recover::entries(&content, Token![;], errors, endpoint_declaration);
    if !input.is_empty() {
        return Err(
            input.error("unexpected tokens after the client; `api_client!` takes one struct")
        );
    }
    Ok(ClientInput {
        attrs,
        vis,
        ident,
        endpoints,
    })
}

/// One endpoint's declaration. syn says only which token it expected ("expected `:`"), so
/// its error is completed with the shape of a whole endpoint, which shows what to write.
fn endpoint_declaration(input: ParseStream) -> syn::Result<ForeignItemFn> {
    ForeignItemFn::parse(input).map_err(|error| {
        let shape = "an endpoint is declared as `#[get(\"/pets/{id}\")] fn get_pet(id: u64) -> Pet;`, \
                     every parameter with its type";
        (&error)
            .into_iter()
            .map(|part| syn::Error::new(part.span(), format!("{part}; {shape}")))
            .reduce(|mut combined, next| {
                combined.combine(next);
                combined
            })
            .unwrap_or(error)
    })
}

/// `#[client(..)]`. Unknown keys are reported by [`check_client_keys`] rather than by
/// darling, so that one misspelt key does not discard the others' values (and cause a
/// second, misleading "missing `base_url`" error).
#[derive(FromMeta, Default)]
#[darling(allow_unknown_fields)]
pub struct ClientOptions {
    pub base_url: Option<Keyed<String>>,
    pub auth: Option<Keyed<AuthOption>>,
    pub timeout: Option<Keyed<String>>,
    pub retries: Option<u32>,
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
}

/// `auth = none | bearer | basic | api_key(header = "..") | api_key(query = "..")`.
pub enum AuthOption {
    None,
    Bearer,
    Basic,
    ApiKeyHeader(LitStr),
    ApiKeyQuery(LitStr),
}

const AUTH_KINDS: &[&str] = &["none", "bearer", "basic", "api_key"];

impl FromMeta for AuthOption {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        let unknown = |word: &str, span: Span| {
            darling::Error::custom(format!(
                "unknown `auth` kind `{word}`{}; write `none`, `bearer`, `basic`, \
                 `api_key(header = \"X-Api-Key\")` or `api_key(query = \"key\")`",
                did_you_mean(word, AUTH_KINDS.iter().copied())
            ))
            .with_span(&span)
        };
        match expr {
            Expr::Path(path) => {
                let word = path
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match word.as_str() {
                    "none" => Ok(AuthOption::None),
                    "bearer" => Ok(AuthOption::Bearer),
                    "basic" => Ok(AuthOption::Basic),
                    "api_key" => Err(darling::Error::custom(
                        "`api_key` needs where the key goes: `api_key(header = \"X-Api-Key\")` or \
                         `api_key(query = \"key\")`",
                    )
                    .with_span(expr)),
                    other => Err(unknown(other, expr.span())),
                }
            }
            Expr::Call(call) => {
                let function = match &*call.func {
                    Expr::Path(path) => path
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                if function != "api_key" {
                    return Err(unknown(&function, call.func.span()));
                }
                let place = match (call.args.len(), call.args.first()) {
                    (1, Some(Expr::Assign(assign))) => Some(assign),
                    _ => None,
                };
                let Some(assign) = place else {
                    return Err(darling::Error::custom(
                        "write `api_key(header = \"X-Api-Key\")` or `api_key(query = \"key\")`",
                    )
                    .with_span(call));
                };
                let key = match &*assign.left {
                    Expr::Path(path) => path
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let name = match &*assign.right {
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(name),
                        ..
                    }) => name.clone(),
                    other => {
                        return Err(darling::Error::custom(
                            "the header or query name must be a string literal",
                        )
                        .with_span(other));
                    }
                };
                match key.as_str() {
                    "header" => Ok(AuthOption::ApiKeyHeader(name)),
                    "query" => Ok(AuthOption::ApiKeyQuery(name)),
                    other => Err(darling::Error::custom(format!(
                        "`api_key` takes `header = \"..\"` or `query = \"..\"`, not `{other}`{}",
                        did_you_mean(other, ["header", "query"])
                    ))
                    .with_span(&assign.left)),
                }
            }
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Err(darling::Error::custom(format!(
                "write the auth kind without quotes: `auth = {}`",
                text.value()
            ))
            .with_span(expr)),
            other => Err(unknown("?", other.span())),
        }
    }
}

/// `#[headers("Name" = "value", ..)]`.
pub struct StaticHeader {
    pub name: LitStr,
    pub value: LitStr,
}

struct StaticHeaders(Vec<StaticHeader>);

impl Parse for StaticHeaders {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let pairs = input.parse_terminated(
            |input| {
                let name: LitStr = input.parse()?;
                let _: Token![=] = input.parse()?;
                let value: LitStr = input.parse()?;
                Ok(StaticHeader { name, value })
            },
            Token![,],
        )?;
        Ok(StaticHeaders(pairs.into_iter().collect()))
    }
}

/// The HTTP methods, as attribute names.
pub const METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head"];
/// Every attribute an endpoint may carry besides its doc comment.
const ENDPOINT_ATTRIBUTES: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "idempotent",
];
/// Every attribute a parameter may carry.
const PARAMETER_ATTRIBUTES: &[&str] = &["query", "header", "body"];

/// The client's options and endpoints, read but not yet checked against each other.
pub struct ParsedClient<'a> {
    pub input: &'a ClientInput,
    pub options: ClientOptions,
    /// A value of `#[client(..)]` had the wrong kind: already reported, and the options are
    /// the defaults, so rules about missing options would only repeat the error.
    pub options_unreadable: bool,
    pub headers: Vec<StaticHeader>,
    pub docs: Vec<&'a Attribute>,
    pub endpoints: Vec<ParsedEndpoint<'a>>,
}

pub struct ParsedEndpoint<'a> {
    pub item: &'a ForeignItemFn,
    /// Every `#[get("..")]`-like attribute: the method name, its path, the attribute.
    pub methods: Vec<(String, LitStr, &'a Attribute)>,
    /// A method attribute could not be read (already reported).
    pub method_unreadable: bool,
    pub idempotent: Option<Span>,
    pub docs: Vec<&'a Attribute>,
    pub params: Vec<ParsedParam<'a>>,
    /// `None` or `-> ()`: no content.
    pub output: Option<&'a Type>,
}

pub struct ParsedParam<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub kind: ParamKind,
}

pub enum ParamKind {
    /// A bare parameter: fills the path placeholder of its name.
    Path,
    Query {
        name: String,
    },
    Header {
        name: LitStr,
    },
    Body {
        encoding: BodyEncoding,
        span: Span,
    },
    /// Its attribute failed to parse (already reported): no rule is checked against it, and
    /// the fallback keeps it as an unused parameter.
    Unreadable,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    Form,
    Bytes,
}

pub fn parse<'a>(input: &'a ClientInput, errors: &mut Errors) -> ParsedClient<'a> {
    let mut options = ClientOptions::default();
    let mut headers = Vec::new();
    let mut docs = Vec::new();
    let mut seen_client = None;
    let mut options_unreadable = false;
    for attr in &input.attrs {
        let path = attr.path();
        if path.is_ident("doc") {
            docs.push(attr);
        } else if path.is_ident("client") {
            if let Some(earlier) = seen_client.replace(attr) {
                errors.spanned(
                    attr,
                    "`#[client(..)]` is given twice; merge the two into one",
                );
                errors.spanned(earlier, "first given here");
            }
            check_client_keys(attr, errors);
            match ClientOptions::from_meta(&attr.meta) {
                Ok(read) => options = read,
                Err(error) => {
                    errors.push(error);
                    options_unreadable = true;
                }
            }
        } else if path.is_ident("headers") {
            if let Some(StaticHeaders(pairs)) = errors.handle(attr.parse_args::<StaticHeaders>()) {
                headers.extend(pairs);
            }
        } else {
            let name = path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            errors.spanned(
                attr,
                format!(
                    "unknown attribute on an API client{}; a client takes doc comments, \
                     `#[client(base_url = \"..\", ..)]` and `#[headers(\"Name\" = \"value\")]`",
                    did_you_mean(&name, ["client", "headers"])
                ),
            );
        }
    }
    if seen_client.is_none() {
        errors.spanned(
            &input.ident,
            format!(
                "`{}` has no `#[client(..)]`; add one with at least the base URL: \
                 `#[client(base_url = \"https://api.example.com\")]`",
                input.ident
            ),
        );
    }
    let endpoints = input
        .endpoints
        .iter()
        .map(|item| parse_endpoint(item, errors))
        .collect();
    ParsedClient {
        input,
        options,
        options_unreadable,
        headers,
        docs,
        endpoints,
    }
}

const CLIENT_KEYS: &[&str] = &["base_url", "auth", "timeout", "retries", "crate"];

/// Reports keys of `#[client(..)]` that do not exist, each with did-you-mean.
fn check_client_keys(attr: &Attribute, errors: &mut Errors) {
    let syn::Meta::List(list) = &attr.meta else {
        return;
    };
    let keys =
        list.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, Token![,]>::parse_terminated);
    for meta in keys.into_iter().flatten() {
        let key = meta
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if !CLIENT_KEYS.contains(&key.as_str()) {
            errors.spanned(
                meta.path(),
                format!(
                    "unknown `#[client]` option `{key}`{}; the options are `base_url`, `auth`, \
                     `timeout`, `retries` and `crate`",
                    did_you_mean(&key, CLIENT_KEYS.iter().copied())
                ),
            );
        }
    }
}

fn parse_endpoint<'a>(item: &'a ForeignItemFn, errors: &mut Errors) -> ParsedEndpoint<'a> {
    let mut methods = Vec::new();
    let mut idempotent = None;
    let mut docs = Vec::new();
    // A method attribute that failed, or an unknown attribute (likely a misspelt method):
    // already reported, so "no HTTP method" would only repeat it.
    let mut method_unreadable = false;
    for attr in &item.attrs {
        let name = attr
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if name == "doc" {
            docs.push(attr);
        } else if METHODS.contains(&name.as_str()) {
            match attr.parse_args::<LitStr>() {
                Ok(path) => methods.push((name, path, attr)),
                Err(_) => {
                    method_unreadable = true;
                    errors.spanned(
                        attr,
                        format!("write the route as a string: `#[{name}(\"/pets/{{id}}\")]`"),
                    );
                }
            }
        } else if name == "idempotent" {
            match &attr.meta {
                syn::Meta::Path(_) => idempotent = Some(attr.span()),
                _ => errors.spanned(attr, "`#[idempotent]` takes no arguments"),
            }
        } else {
            method_unreadable = true;
            errors.spanned(
                attr,
                format!(
                    "unknown attribute on an endpoint{}; an endpoint takes doc comments, one of \
                     `#[get(..)]`, `#[post(..)]`, `#[put(..)]`, `#[patch(..)]`, `#[delete(..)]`, \
                     `#[head(..)]`, and `#[idempotent]`",
                    did_you_mean(&name, ENDPOINT_ATTRIBUTES.iter().copied())
                ),
            );
        }
    }
    let params = item
        .sig
        .inputs
        .iter()
        .filter_map(|input| parse_param(input, errors))
        .collect();
    let output = match &item.sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) => match &**ty {
            Type::Tuple(tuple) if tuple.elems.is_empty() => None,
            ty => Some(ty),
        },
    };
    ParsedEndpoint {
        item,
        methods,
        method_unreadable,
        idempotent,
        docs,
        params,
        output,
    }
}

fn parse_param<'a>(input: &'a FnArg, errors: &mut Errors) -> Option<ParsedParam<'a>> {
    let typed = match input {
        FnArg::Typed(typed) => typed,
        FnArg::Receiver(receiver) => {
            errors.spanned(
                receiver,
                "endpoints take no `self`: the generated method borrows the client as `&self`; \
                 remove it",
            );
            return None;
        }
    };
    let ident = match &*typed.pat {
        Pat::Ident(pat)
            if pat.by_ref.is_none() && pat.mutability.is_none() && pat.subpat.is_none() =>
        {
            &pat.ident
        }
        other => {
            errors.spanned(
                other,
                "endpoint parameters must be plain names (`id: u64`): the name is what fills \
                 the path placeholder or names the query parameter",
            );
            return None;
        }
    };
    let mut kind = None;
    let mut failed = false;
    for attr in &typed.attrs {
        let name = attr
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let read = match name.as_str() {
            "query" => parse_query(attr, ident),
            "header" => attr
                .parse_args::<LitStr>()
                .map(|name| ParamKind::Header { name })
                .map_err(|_| {
                    syn::Error::new_spanned(attr, "name the header: `#[header(\"X-Request-Id\")]`")
                }),
            "body" => parse_body(attr),
            _ => Err(syn::Error::new_spanned(
                attr,
                format!(
                    "unknown parameter attribute{}; a parameter is bare (a path placeholder), \
                     `#[query]`, `#[query(rename = \"name\")]`, `#[header(\"Name\")]`, `#[body]`, \
                     `#[body(form)]` or `#[body(bytes)]`",
                    did_you_mean(&name, PARAMETER_ATTRIBUTES.iter().copied())
                ),
            )),
        };
        match (read, &kind) {
            (Ok(_), Some(_)) => errors.spanned(
                attr,
                format!("`{ident}` already has a kind; give a parameter one of `#[query]`, `#[header]` or `#[body]`"),
            ),
            (Ok(read), None) => kind = Some(read),
            (Err(error), _) => {
                errors.push(error);
                failed = true;
            }
        }
    }
    Some(ParsedParam {
        ident,
        ty: &typed.ty,
        kind: match (kind, failed) {
            (_, true) => ParamKind::Unreadable,
            (Some(kind), false) => kind,
            (None, false) => ParamKind::Path,
        },
    })
}

fn parse_query(attr: &Attribute, ident: &Ident) -> syn::Result<ParamKind> {
    let mut name = ident.unraw().to_string();
    if let syn::Meta::List(_) = &attr.meta {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: LitStr = meta.value()?.parse()?;
                name = value.value();
                Ok(())
            } else {
                Err(meta.error("`#[query]` takes only `rename = \"name\"`"))
            }
        })?;
    }
    Ok(ParamKind::Query { name })
}

fn parse_body(attr: &Attribute) -> syn::Result<ParamKind> {
    let mut encoding = BodyEncoding::Json;
    if let syn::Meta::List(_) = &attr.meta {
        attr.parse_nested_meta(|meta| {
            let word = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
            encoding = match word.as_str() {
                "json" => BodyEncoding::Json,
                "form" => BodyEncoding::Form,
                "bytes" => BodyEncoding::Bytes,
                other => {
                    return Err(meta.error(format!(
                        "unknown body encoding `{other}`{}; write `#[body]` (JSON), `#[body(form)]` \
                         or `#[body(bytes)]`",
                        did_you_mean(other, ["json", "form", "bytes"])
                    )));
                }
            };
            Ok(())
        })?;
    }
    Ok(ParamKind::Body {
        encoding,
        span: attr.span(),
    })
}
