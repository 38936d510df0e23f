//! Tokens → model: the client struct, its `#[client]` and `#[headers]` attributes, and
//! each endpoint's attributes and parameters. Every attribute of every endpoint is read
//! even after an earlier one failed; only unparsable syntax stops the macro.

use darling::FromMeta;
use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{
    Attribute, Expr, ExprCall, FnArg, ForeignItemFn, Ident, LitStr, Pat, Path, ReturnType, Token,
    Type, Visibility, braced,
};

use super::names::{
    ApiKeyPlace, AuthKind, BodyEncoding, CLIENT_KEYS, ClientAttribute, HttpMethod, IDEMPOTENT,
    ParamAttribute, QueryOption, QueryStyle,
};
use crate::common::crate_path::lenient_crate_path;
use crate::common::errors::Errors;
use crate::common::options::{CratePath, Keyed, Text};
use crate::common::recover;
use crate::common::suggest::did_you_mean;
use crate::common::suggest::{all_of, code, either};

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
    recover::parse_input(input, errors, client)
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
/// second, misleading "missing `base_url`" error). Its fields are the keys in
/// [`CLIENT_KEYS`].
#[derive(FromMeta, Default)]
#[darling(allow_unknown_fields)]
pub struct ClientOptions {
    pub base_url: Option<Keyed<Text>>,
    pub auth: Option<Keyed<Auth>>,
    pub timeout: Option<Keyed<Text>>,
    pub retries: Option<u32>,
    #[darling(rename = "crate")]
    pub krate: Option<CratePath>,
}

/// `auth = none | bearer | basic | api_key(header = "..") | api_key(query = "..")`.
pub enum Auth {
    None,
    Bearer,
    Basic,
    /// The key's name as written, checked by `validate`.
    ApiKey {
        place: ApiKeyPlace,
        name: LitStr,
    },
}

impl FromMeta for Auth {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = expr
        {
            return Err(darling::Error::custom(format!(
                "write the auth kind without quotes: `auth = {}`",
                text.value()
            ))
            .with_span(expr));
        }
        // `api_key(header = "..")` is a call; the other kinds are bare words.
        let (kind_expr, call) = match expr {
            Expr::Call(call) => (&*call.func, Some(call)),
            other => (other, None),
        };
        let word = bare_word(kind_expr);
        let Some(kind) = word.as_deref().and_then(AuthKind::from_name) else {
            let word = word.as_deref().unwrap_or("?");
            return Err(darling::Error::custom(format!(
                "unknown `auth` kind `{word}`{}; write {}",
                did_you_mean(word, AuthKind::names()),
                either(AuthKind::ALL.iter().flat_map(|kind| kind.forms()))
            ))
            .with_span(kind_expr));
        };
        match (kind, call) {
            (AuthKind::None, None) => Ok(Auth::None),
            (AuthKind::Bearer, None) => Ok(Auth::Bearer),
            (AuthKind::Basic, None) => Ok(Auth::Basic),
            (AuthKind::ApiKey, None) => Err(darling::Error::custom(format!(
                "`{}` needs where the key goes: {}",
                kind.name(),
                either(kind.forms())
            ))
            .with_span(expr)),
            (AuthKind::ApiKey, Some(call)) => api_key(call),
            (AuthKind::None | AuthKind::Bearer | AuthKind::Basic, Some(call)) => {
                Err(darling::Error::custom(format!(
                    "`{name}` takes no arguments (credentials are given at run time, to the \
                     client's builder); write `auth = {name}`",
                    name = kind.name()
                ))
                .with_span(call))
            }
        }
    }
}

/// `api_key(header = "X-Api-Key")` or `api_key(query = "key")`.
fn api_key(call: &ExprCall) -> darling::Result<Auth> {
    let assign = match (call.args.len(), call.args.first()) {
        (1, Some(Expr::Assign(assign))) => assign,
        _ => {
            return Err(darling::Error::custom(format!(
                "write {}",
                either(AuthKind::ApiKey.forms())
            ))
            .with_span(call));
        }
    };
    let name = match &*assign.right {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(name),
            ..
        }) => name.clone(),
        other => {
            return Err(darling::Error::custom(format!(
                "the {} name must be a string literal",
                either(ApiKeyPlace::names().map(str::to_owned))
            ))
            .with_span(other));
        }
    };
    let word = bare_word(&assign.left);
    match word.as_deref().and_then(ApiKeyPlace::from_name) {
        Some(place) => Ok(Auth::ApiKey { place, name }),
        None => {
            let word = word.as_deref().unwrap_or("?");
            Err(darling::Error::custom(format!(
                "`{}` takes {}, not `{word}`{}",
                AuthKind::ApiKey.name(),
                either(ApiKeyPlace::names().map(|place| format!("`{place} = \"..\"`"))),
                did_you_mean(word, ApiKeyPlace::names())
            ))
            .with_span(&assign.left))
        }
    }
}

/// The identifier an expression consists of (`bearer` in `auth = bearer`).
fn bare_word(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(path) => word(&path.path),
        _ => None,
    }
}

/// The identifier a path consists of (`get` in `#[get(..)]`).
fn word(path: &Path) -> Option<String> {
    path.get_ident().map(ToString::to_string)
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

/// The client's options and endpoints, read but not yet checked against each other.
pub struct ParsedClient<'a> {
    pub input: &'a ClientInput,
    /// The last `#[client(..)]` read, or the defaults.
    pub options: ClientOptions,
    /// A `#[client(..)]` was given and every one given was read. When not, that is already
    /// reported, so rules about missing options would only repeat the error.
    pub options_read: bool,
    pub headers: Vec<StaticHeader>,
    pub docs: Vec<&'a Attribute>,
    pub endpoints: Vec<ParsedEndpoint<'a>>,
}

pub struct ParsedEndpoint<'a> {
    pub item: &'a ForeignItemFn,
    /// Every method attribute (`#[get("..")]`-like): an endpoint needs exactly one.
    pub methods: Vec<MethodAttribute<'a>>,
    /// A method attribute could not be read (already reported).
    pub method_unreadable: bool,
    pub idempotent: Option<&'a Attribute>,
    pub docs: Vec<&'a Attribute>,
    pub params: Vec<Param<'a>>,
    /// `None` or `-> ()`: no content.
    pub output: Option<&'a Type>,
}

/// `#[get("/pets/{id}")]`.
pub struct MethodAttribute<'a> {
    pub method: HttpMethod,
    pub route: LitStr,
    pub attr: &'a Attribute,
}

/// An endpoint's parameter as written, with what it is sent as.
pub struct Param<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub kind: ParamKind<'a>,
}

pub enum ParamKind<'a> {
    /// A bare parameter: fills the path placeholder of its name.
    Path,
    Query {
        name: String,
        /// `style = ..` as written, with where, for the check that the parameter is a list.
        style: Option<(QueryStyle, proc_macro2::Span)>,
    },
    Header {
        name: LitStr,
    },
    Body {
        encoding: BodyEncoding,
        attr: &'a Attribute,
    },
    /// Its attribute failed to parse (already reported): no rule is checked against it, and
    /// the fallback keeps it as an unused parameter.
    Unreadable,
}

pub fn parse<'a>(input: &'a ClientInput, errors: &mut Errors) -> ParsedClient<'a> {
    let mut options = ClientOptions::default();
    let mut headers = Vec::new();
    let mut docs = Vec::new();
    let mut seen_client = None;
    let mut options_failed = false;
    for attr in &input.attrs {
        let name = word(attr.path()).unwrap_or_default();
        if name == "doc" {
            docs.push(attr);
            continue;
        }
        match ClientAttribute::from_name(&name) {
            Some(ClientAttribute::Client) => {
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
                        options_failed = true;
                        // So the client generated next to the error names the right crate.
                        options.krate = lenient_crate_path(&input.attrs, "client").map(CratePath);
                    }
                }
            }
            Some(ClientAttribute::Headers) => {
                if let Some(StaticHeaders(pairs)) =
                    errors.handle(attr.parse_args::<StaticHeaders>())
                {
                    headers.extend(pairs);
                }
            }
            None => errors.spanned(
                attr,
                format!(
                    "unknown attribute on an API client{}; a client takes doc comments, {}",
                    did_you_mean(&name, ClientAttribute::names()),
                    all_of(
                        ClientAttribute::ALL
                            .iter()
                            .map(|attribute| attribute.form())
                    )
                ),
            ),
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
        options_read: seen_client.is_some() && !options_failed,
        headers,
        docs,
        endpoints,
    }
}

/// Reports keys of `#[client(..)]` that do not exist, each with did-you-mean.
fn check_client_keys(attr: &Attribute, errors: &mut Errors) {
    let syn::Meta::List(list) = &attr.meta else {
        return;
    };
    let keys =
        list.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, Token![,]>::parse_terminated);
    for meta in keys.into_iter().flatten() {
        let key = word(meta.path()).unwrap_or_default();
        if !CLIENT_KEYS.contains(&key.as_str()) {
            errors.spanned(
                meta.path(),
                format!(
                    "unknown `#[client]` option `{key}`{}; the options are {}",
                    did_you_mean(&key, CLIENT_KEYS.iter().copied()),
                    all_of(CLIENT_KEYS.iter().map(|key| code(key)))
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
        let name = word(attr.path()).unwrap_or_default();
        if name == "doc" {
            docs.push(attr);
        } else if let Some(method) = HttpMethod::from_name(&name) {
            match attr.parse_args::<LitStr>() {
                Ok(route) => methods.push(MethodAttribute {
                    method,
                    route,
                    attr,
                }),
                Err(_) => {
                    method_unreadable = true;
                    errors.spanned(
                        attr,
                        format!(
                            "write the route as a string: {}",
                            method.attribute("\"/pets/{id}\"")
                        ),
                    );
                }
            }
        } else if name == IDEMPOTENT {
            match &attr.meta {
                syn::Meta::Path(_) => idempotent = Some(attr),
                _ => errors.spanned(attr, format!("`#[{IDEMPOTENT}]` takes no arguments")),
            }
        } else {
            method_unreadable = true;
            let methods = HttpMethod::ALL.iter().map(|method| method.attribute(".."));
            errors.spanned(
                attr,
                format!(
                    "unknown attribute on an endpoint{}; an endpoint takes doc comments, one of \
                     {}, and `#[{IDEMPOTENT}]`",
                    did_you_mean(&name, HttpMethod::names().chain([IDEMPOTENT])),
                    methods.collect::<Vec<_>>().join(", ")
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

fn parse_param<'a>(input: &'a FnArg, errors: &mut Errors) -> Option<Param<'a>> {
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
        let name = word(attr.path()).unwrap_or_default();
        let read = match ParamAttribute::from_name(&name) {
            Some(ParamAttribute::Query) => parse_query(attr, ident),
            Some(ParamAttribute::Header) => parse_header(attr),
            Some(ParamAttribute::Body) => parse_body(attr),
            None => Err(syn::Error::new_spanned(
                attr,
                format!(
                    "unknown parameter attribute{}; a parameter is bare (a path placeholder), {}",
                    did_you_mean(&name, ParamAttribute::names()),
                    either(ParamAttribute::ALL.iter().flat_map(|kind| kind.forms()))
                ),
            )),
        };
        match (read, &kind) {
            (Ok(_), Some(_)) => errors.spanned(
                attr,
                format!(
                    "`{ident}` already has a kind; give a parameter one of {}",
                    either(ParamAttribute::ALL.iter().map(|kind| kind.short_form()))
                ),
            ),
            (Ok(read), None) => kind = Some(read),
            (Err(error), _) => {
                errors.push(error);
                failed = true;
            }
        }
    }
    Some(Param {
        ident,
        ty: &typed.ty,
        kind: match (kind, failed) {
            (_, true) => ParamKind::Unreadable,
            (Some(kind), false) => kind,
            (None, false) => ParamKind::Path,
        },
    })
}

/// `#[query]`, `#[query(rename = "name")]`, `#[query(style = comma)]`. An unknown option or
/// style gets did-you-mean; every option is read even after one failed.
fn parse_query<'a>(attr: &Attribute, ident: &Ident) -> syn::Result<ParamKind<'a>> {
    let mut name = ident.unraw().to_string();
    let mut style = None;
    let mut failures: Option<syn::Error> = None;
    if let syn::Meta::List(_) = &attr.meta {
        let parsed = attr.parse_nested_meta(|meta| {
            let written = word(&meta.path).unwrap_or_default();
            let read = match QueryOption::from_name(&written) {
                Some(QueryOption::Rename) => meta.value()?.parse::<LitStr>().map(|value| {
                    name = value.value();
                }),
                Some(QueryOption::Style) => {
                    let value: Path = meta.value()?.parse()?;
                    let written_style = word(&value).unwrap_or_default();
                    match QueryStyle::from_name(&written_style) {
                        Some(read) => {
                            style = Some((read, value.span()));
                            Ok(())
                        }
                        None => Err(syn::Error::new_spanned(
                            &value,
                            format!(
                                "unknown query style `{written_style}`{}; write {} (`?tag=a&tag=b`, \
                                 the default) or {} (`?tag=a,b`)",
                                QueryStyle::did_you_mean(&written_style),
                                code(&format!("style = {}", QueryStyle::Repeat.name())),
                                code(&format!("style = {}", QueryStyle::Comma.name())),
                            ),
                        )),
                    }
                }
                None => {
                    // The option's value is skipped, so that the options after it are read.
                    if meta.input.peek(Token![=]) {
                        let _: Expr = meta.value()?.parse()?;
                    } else if meta.input.peek(syn::token::Paren) {
                        let _skipped;
                        syn::parenthesized!(_skipped in meta.input);
                    }
                    Err(syn::Error::new_spanned(&meta.path, format!(
                    "unknown `#[{}]` option `{written}`{}; it takes {}",
                    ParamAttribute::Query.name(),
                    QueryOption::did_you_mean(&written),
                    either(QueryOption::ALL.iter().map(|option| option.form()))
                    )))
                }
            };
            // Collected, not returned, so that the options after a bad one are read too.
            if let Err(error) = read {
                match &mut failures {
                    Some(failures) => failures.combine(error),
                    None => failures = Some(error),
                }
            }
            Ok(())
        });
        parsed?;
    }
    match failures {
        Some(failures) => Err(failures),
        None => Ok(ParamKind::Query { name, style }),
    }
}

fn parse_header<'a>(attr: &Attribute) -> syn::Result<ParamKind<'a>> {
    attr.parse_args::<LitStr>()
        .map(|name| ParamKind::Header { name })
        .map_err(|_| {
            syn::Error::new_spanned(attr, "name the header: `#[header(\"X-Request-Id\")]`")
        })
}

fn parse_body(attr: &Attribute) -> syn::Result<ParamKind<'_>> {
    let mut encoding = BodyEncoding::DEFAULT;
    if let syn::Meta::List(_) = &attr.meta {
        attr.parse_nested_meta(|meta| {
            let written = word(&meta.path).unwrap_or_default();
            let Some(read) = BodyEncoding::from_name(&written) else {
                let encodings = BodyEncoding::ALL.iter().map(|encoding| {
                    if *encoding == BodyEncoding::DEFAULT {
                        // What a bare `#[body]` means is not visible in it.
                        format!(
                            "{} ({})",
                            encoding.attribute(),
                            encoding.name().to_uppercase()
                        )
                    } else {
                        encoding.attribute()
                    }
                });
                return Err(meta.error(format!(
                    "unknown body encoding `{written}`{}; write {}",
                    did_you_mean(&written, BodyEncoding::names()),
                    either(encodings)
                )));
            };
            encoding = read;
            Ok(())
        })?;
    }
    Ok(ParamKind::Body { encoding, attr })
}

#[cfg(test)]
mod tests {
    use darling::FromMeta;

    use super::{CLIENT_KEYS, ClientOptions};

    /// darling lets unknown keys through, so a key listed in `CLIENT_KEYS` but not a field
    /// would be accepted and silently ignored. A value of the wrong kind is refused only for
    /// a key darling reads.
    #[test]
    fn every_client_key_is_a_field_of_the_options() {
        let read = |key: &str| {
            let meta: syn::Meta = syn::parse_str(&format!("client({key} = [])"))
                .unwrap_or_else(|error| panic!("`{key}`: {error}"));
            ClientOptions::from_meta(&meta).is_ok()
        };
        assert!(read("not_an_option"), "unknown keys are let through");
        for key in CLIENT_KEYS {
            assert!(!read(key), "`{key}` is not read by darling");
        }
    }
}
