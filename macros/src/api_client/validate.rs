//! Model → checked model: URLs, routes, placeholders against parameters (both ways), header
//! grammar, bodies against methods, return types. Every check runs; all failures are
//! reported together.

use std::collections::BTreeMap;

use syn::ext::IdentExt;
use syn::{Attribute, Ident, LitStr, Path, Type};

use super::names::{
    AUTHORIZATION, ApiKeyPlace, BodyEncoding, CONSTRUCTORS, DURATION_UNITS, HEADERS_FROM_REQUEST,
    HttpMethod, IDEMPOTENT, ParamAttribute, QueryStyle, URL_SCHEMES,
};
use super::parse::{
    Auth, ClientInput, MethodAttribute, ParamKind, ParsedClient, ParsedEndpoint, StaticHeader,
};
use crate::common::crate_path::crate_path;
use crate::common::errors::Errors;
use crate::common::signature::has_impl_trait;
use crate::common::source_text::source_text;
use crate::common::suggest::did_you_mean;
use crate::common::suggest::{all_of, code, either};
use crate::common::type_shape::{TypeShape, list_element, result_ok_type, type_shape};

pub struct CheckedClient<'a> {
    pub input: &'a ClientInput,
    pub krate: Path,
    pub docs: Vec<&'a Attribute>,
    pub base_url: String,
    pub auth: Auth,
    pub timeout_ms: Option<u64>,
    pub retries: u32,
    /// Static headers: lowercase name, value.
    pub headers: Vec<(String, String)>,
    pub endpoints: Vec<CheckedEndpoint<'a>>,
}

pub struct CheckedEndpoint<'a> {
    /// Position among the client's endpoints (after duplicates are left out): names its
    /// static descriptor.
    pub index: usize,
    pub ident: &'a Ident,
    pub docs: Vec<&'a Attribute>,
    pub method: HttpMethod,
    pub route: String,
    pub idempotent: bool,
    pub params: Vec<CheckedParam<'a>>,
    pub output: Output<'a>,
}

/// A parameter as it is sent.
pub struct CheckedParam<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub kind: CheckedKind,
    /// The type that must meet the kind's bound (`Display`, `serde::Serialize`, ..): the
    /// parameter's type, or `T` of an optional `Option<T>`. Generated code names it where the
    /// value is used, so the compiler reports a missing bound at it. `None` when it holds an
    /// `impl Trait`, which no expression can name: the compiler infers it there.
    pub bound_ty: Option<&'a Type>,
}

pub enum CheckedKind {
    Path,
    /// A parameter whose attribute broke a rule: kept in the signature, sent nowhere. Only
    /// ever in a fallback.
    Unused,
    Query {
        name: String,
        optional: bool,
        /// How a list (`Vec<T>`, `&[T]`, ..) is sent; `None` for a single value.
        list: Option<QueryStyle>,
    },
    Header {
        name: String,
        optional: bool,
    },
    Body(BodyEncoding),
}

pub enum Output<'a> {
    /// No return type, or `()`: the body is ignored.
    Empty,
    /// Anything else: made from the response by the runtime's `FromResponse`, which the type
    /// itself chooses (JSON for a `Deserialize` type, the raw response for modsmith's
    /// `Response`). The macro cannot tell those apart by name: `Response` may be the user's.
    Typed(&'a Type),
}

pub fn validate<'a>(parsed: ParsedClient<'a>, errors: &mut Errors) -> CheckedClient<'a> {
    let options = parsed.options;
    let base_url = match &options.base_url {
        Some(url) => {
            check_base_url(url.value.0.as_str(), url.key, errors);
            url.value.0.clone()
        }
        None => String::new(),
    };
    if options.base_url.is_none() && parsed.options_read {
        errors.spanned(
            &parsed.input.ident,
            "`#[client(..)]` needs `base_url = \"https://..\"`: where requests go unless the builder sets another",
        );
    }
    let timeout_ms = options
        .timeout
        .as_ref()
        .and_then(|timeout| match parse_duration_ms(&timeout.value.0) {
            Some(ms) => Some(ms),
            None => {
                errors.at(
                    timeout.key,
                    format!(
                        "`timeout = {:?}` is not a duration; write e.g. `\"10s\"`, `\"500ms\"`, `\"2m\"` or `\"1.5s\"`",
                        timeout.value.0
                    ),
                );
                None
            }
        });
    let auth = options.auth.map_or(Auth::None, |auth| auth.value);
    match &auth {
        Auth::ApiKey {
            place: ApiKeyPlace::Header,
            name,
        } => {
            check_header_name(name, errors);
        }
        Auth::ApiKey {
            place: ApiKeyPlace::Query,
            name,
        } => {
            if name.value().is_empty() {
                errors.spanned(name, "the query parameter needs a name");
            }
        }
        Auth::None | Auth::Bearer | Auth::Basic => {}
    }
    let headers = check_static_headers(&parsed.headers, errors);
    let endpoints: Vec<CheckedEndpoint<'a>> = parsed
        .endpoints
        .into_iter()
        .filter_map(|endpoint| check_endpoint(endpoint, &auth, errors))
        .collect();
    // A duplicate is reported and left out, so the fallback defines each method once.
    let mut seen: BTreeMap<String, &Ident> = BTreeMap::new();
    let mut unique = Vec::new();
    for endpoint in endpoints {
        let name = endpoint.ident.unraw().to_string();
        if let Some(earlier) = seen.get(&name) {
            errors.spanned(
                endpoint.ident,
                format!("the endpoint `{name}` is defined twice; rename one of them"),
            );
            errors.spanned(earlier, "first defined here");
            continue;
        }
        seen.insert(name, endpoint.ident);
        unique.push(endpoint);
    }
    for (index, endpoint) in unique.iter_mut().enumerate() {
        endpoint.index = index;
    }
    let endpoints = unique;
    CheckedClient {
        input: parsed.input,
        krate: crate_path(options.krate.as_ref().map(|krate| &krate.0)),
        docs: parsed.docs,
        base_url,
        auth,
        timeout_ms,
        retries: options.retries.unwrap_or(0),
        headers,
        endpoints,
    }
}

fn check_base_url(url: &str, span: proc_macro2::Span, errors: &mut Errors) {
    let rest = URL_SCHEMES
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme));
    let no_scheme = format!(
        "must start with {}",
        either(URL_SCHEMES.iter().map(|scheme| code(scheme)))
    );
    let problem = match rest {
        None => Some(no_scheme.as_str()),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Some("has no host"),
        Some(_) if url.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Some("contains whitespace or control characters")
        }
        Some(_) if url.contains(['?', '#']) => {
            Some("cannot carry a query or fragment; put query parameters on endpoints")
        }
        Some(rest)
            if rest
                .split('/')
                .next()
                .is_some_and(|authority| authority.contains('@')) =>
        {
            Some(
                "carries credentials (`user:password@`), which would be printed with the URL; use \
             `auth = basic` and the builder's `basic_auth(..)`",
            )
        }
        Some(_) => None,
    };
    if let Some(problem) = problem {
        errors.at(
            span,
            format!("the base URL {url:?} {problem}; write e.g. `base_url = \"https://api.example.com/v1\"`"),
        );
    }
}

/// `"10s"`, `"500ms"`, `"2m"`, `"1.5s"` in milliseconds.
fn parse_duration_ms(text: &str) -> Option<u64> {
    let text = text.trim();
    let (number, unit_ms) = DURATION_UNITS
        .iter()
        .find_map(|&(unit, ms)| Some((text.strip_suffix(unit)?, ms)))?;
    let value: f64 = number.trim().parse().ok()?;
    let ms = value * unit_ms;
    (value.is_finite() && ms >= 1.0 && ms <= u64::MAX as f64).then(|| ms.round() as u64)
}

/// RFC 9110 token characters: what a header name may contain.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn check_header_name(name: &LitStr, errors: &mut Errors) -> bool {
    let text = name.value();
    let valid = !text.is_empty() && text.chars().all(is_token_char);
    if !valid {
        errors.spanned(
            name,
            format!(
                "{text:?} is not a valid header name: use letters, digits and `-` (RFC 9110 \
                 token characters), e.g. \"X-Request-Id\""
            ),
        );
    }
    valid
}

fn check_static_headers(headers: &[StaticHeader], errors: &mut Errors) -> Vec<(String, String)> {
    let mut checked: Vec<(String, String)> = Vec::new();
    let mut seen: BTreeMap<String, &LitStr> = BTreeMap::new();
    for header in headers {
        let name_ok = check_header_name(&header.name, errors);
        let value = header.value.value();
        // Visible ASCII, spaces and tabs: anything else is refused by `http` at run time.
        let value_ok = value.chars().all(|c| c == '\t' || (' '..='~').contains(&c));
        if !value_ok {
            errors.spanned(
                &header.value,
                "a header value must be visible ASCII: no CR or LF (they would start a new \
                 header), no other control characters, no non-ASCII (percent-encode it)",
            );
        }
        let lowercase = header.name.value().to_ascii_lowercase();
        if HEADERS_FROM_REQUEST.contains(&lowercase.as_str()) || lowercase == AUTHORIZATION {
            errors.spanned(
                &header.name,
                format!(
                    "`{}` is set by the client itself (from the body, the URL or `auth = ..`); \
                     remove it from `#[headers]`",
                    header.name.value()
                ),
            );
        }
        if let Some(earlier) = seen.insert(lowercase.clone(), &header.name) {
            errors.spanned(
                &header.name,
                format!("the header {:?} is given twice", header.name.value()),
            );
            errors.spanned(earlier, "first given here");
        }
        if name_ok && value_ok {
            checked.push((lowercase, value));
        }
    }
    checked
}

fn check_endpoint<'a>(
    endpoint: ParsedEndpoint<'a>,
    auth: &Auth,
    errors: &mut Errors,
) -> Option<CheckedEndpoint<'a>> {
    let ParsedEndpoint {
        item,
        methods,
        method_unreadable,
        idempotent,
        docs,
        params,
        output,
    } = endpoint;
    let sig = &item.sig;
    let ident = &sig.ident;
    if CONSTRUCTORS.contains(&ident.unraw().to_string().as_str()) {
        errors.spanned(
            ident,
            format!("`{ident}` is a constructor of every generated client; give the endpoint another name"),
        );
        // Left out of the model, so the fallback defines the constructor once.
        return None;
    }
    if !matches!(item.vis, syn::Visibility::Inherited) {
        errors.spanned(
            &item.vis,
            "endpoints take the client's visibility; remove this one (give the client the visibility you want)",
        );
    }
    if let Some(asyncness) = &sig.asyncness {
        errors.spanned(
            asyncness,
            "write `fn`, not `async fn`: the async client gets an `async fn` and the blocking \
             client a plain one, both from this declaration",
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.spanned(
            &sig.generics,
            "endpoints cannot be generic; use concrete parameter and return types",
        );
    }
    for (present, what) in [
        (sig.constness.is_some(), "const"),
        (!matches!(sig.safety, syn::Safety::Default), "unsafe"),
        (sig.abi.is_some(), "extern"),
    ] {
        if present {
            errors.spanned(sig, format!("endpoints cannot be `{what}`; remove it"));
        }
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(variadic, "endpoints cannot be variadic");
    }
    let (method, route) = match methods.as_slice() {
        [] if method_unreadable => return None,
        [] => {
            // The first with an example route, the others short.
            let methods = HttpMethod::ALL.iter().enumerate().map(|(index, method)| {
                method.attribute(if index == 0 { "\"/path\"" } else { ".." })
            });
            errors.spanned(
                ident,
                format!(
                    "`{ident}` has no HTTP method; add one of {}",
                    methods.collect::<Vec<_>>().join(", ")
                ),
            );
            return None;
        }
        [MethodAttribute { method, route, .. }] => (*method, route),
        [MethodAttribute { attr: first, .. }, rest @ ..] => {
            for MethodAttribute { attr, .. } in rest {
                errors.spanned(
                    attr,
                    format!("`{ident}` already has an HTTP method; an endpoint has exactly one"),
                );
            }
            errors.spanned(first, "the first method is here");
            return None;
        }
    };
    let placeholders = check_route(route, errors);
    let mut bodies: Vec<&Attribute> = Vec::new();
    let mut checked_params = Vec::new();
    let path_params: Vec<String> = params
        .iter()
        .filter(|param| matches!(param.kind, ParamKind::Path))
        .map(|param| param.ident.unraw().to_string())
        .collect();
    let mut query_names: BTreeMap<String, &Ident> = BTreeMap::new();
    for param in &params {
        match &param.kind {
            ParamKind::Query { name, .. } => {
                if let Some(earlier) = query_names.insert(name.clone(), param.ident) {
                    errors.spanned(param.ident, format!("two parameters are sent as the query parameter `{name}`; rename one with `#[query(rename = \"..\")]`"));
                    errors.spanned(earlier, "the first is here");
                }
                if let Auth::ApiKey {
                    place: ApiKeyPlace::Query,
                    name: key,
                } = auth
                    && let key = key.value()
                    && key == *name
                {
                    errors.spanned(
                        param.ident,
                        format!("the query parameter `{name}` carries the API key (`auth = api_key(query = \"{key}\")`); a caller must not be able to set it, so rename this one"),
                    );
                }
            }
            ParamKind::Header { name } => {
                let lowercase = name.value().to_ascii_lowercase();
                let taken = HEADERS_FROM_REQUEST.contains(&lowercase.as_str())
                    || auth_header(auth)
                        .is_some_and(|header| header.eq_ignore_ascii_case(&lowercase));
                if taken {
                    errors.spanned(
                        name,
                        format!("the `{}` header is set by the client itself (from `auth = ..`, the body or the URL); a parameter cannot set it", name.value()),
                    );
                }
            }
            _ => {}
        }
    }
    for param in params {
        let (optional, value_ty) = match type_shape(param.ty) {
            TypeShape::Option(inner) => (true, inner),
            _ => (false, param.ty),
        };
        let kind = match param.kind {
            ParamKind::Path => {
                let name = param.ident.unraw().to_string();
                if !placeholders.contains(&name) {
                    errors.spanned(
                        param.ident,
                        format!(
                            "`{name}` is not in the route {:?}{}; add `{{{name}}}` to the route, or \
                             mark the parameter {}",
                            route.value(),
                            did_you_mean(
                                &name,
                                placeholders
                                    .iter()
                                    .filter(|placeholder| !path_params.contains(placeholder))
                                    .map(String::as_str)
                            ),
                            either(ParamAttribute::ALL.iter().map(|kind| kind.short_form()))
                        ),
                    );
                }
                if optional {
                    errors.spanned(
                        param.ty,
                        format!("the path parameter `{name}` cannot be optional: a route needs every segment"),
                    );
                    CheckedKind::Unused
                } else {
                    CheckedKind::Path
                }
            }
            ParamKind::Query { name, style } => {
                let list = list_element(value_ty)
                    .map(|_| style.map_or(QueryStyle::DEFAULT, |(style, _)| style));
                if let (Some((style, span)), None) = (style, list) {
                    errors.at(
                        span,
                        format!(
                            "`style = {}` is for a list parameter (`Vec<T>`, `&[T]`), sent as one \
                             key per value or as one comma-joined value; `{}` holds one value, \
                             so remove the style",
                            style.name(),
                            param.ident
                        ),
                    );
                }
                CheckedKind::Query {
                    name,
                    optional,
                    list,
                }
            }
            ParamKind::Unreadable => CheckedKind::Unused,
            ParamKind::Header { name } => {
                check_header_name(&name, errors);
                CheckedKind::Header {
                    name: name.value().to_ascii_lowercase(),
                    optional,
                }
            }
            ParamKind::Body { encoding, attr } => {
                bodies.push(attr);
                if !method.may_carry_body() {
                    let with_body = HttpMethod::ALL
                        .iter()
                        .filter(|method| method.may_carry_body())
                        .map(|method| format!("`#[{}]`", method.name()));
                    errors.spanned(
                        attr,
                        format!(
                            "a `{}` request carries no body; send it with {}, or make `{}` a {} \
                             parameter",
                            method.wire_name(),
                            either(with_body),
                            param.ident,
                            ParamAttribute::Query.short_form()
                        ),
                    );
                }
                CheckedKind::Body(encoding)
            }
        };
        // Only query and header values are read through an `Option`; a body is encoded whole.
        let bound_ty = match kind {
            // A list's values are each written with `Display`.
            CheckedKind::Query { list: Some(_), .. } => list_element(value_ty).unwrap_or(value_ty),
            CheckedKind::Query { .. } | CheckedKind::Header { .. } => value_ty,
            _ => param.ty,
        };
        checked_params.push(CheckedParam {
            ident: param.ident,
            ty: param.ty,
            kind,
            bound_ty: (!has_impl_trait(bound_ty)).then_some(bound_ty),
        });
    }
    if let [first, second, ..] = bodies.as_slice() {
        errors.spanned(
            second,
            format!("`{ident}` has two bodies; a request has one, so merge them into one struct"),
        );
        errors.spanned(first, "the first body is here");
    }
    for placeholder in &placeholders {
        if !path_params.contains(placeholder) {
            errors.spanned(
                route,
                format!(
                    "the route placeholder `{{{placeholder}}}` has no parameter{}; add `{placeholder}: Type` \
                     to `{ident}`",
                    did_you_mean(
                        placeholder,
                        path_params
                            .iter()
                            .filter(|param| !placeholders.contains(param))
                            .map(String::as_str)
                    )
                ),
            );
        }
    }
    if let (Some(attr), true) = (idempotent, method.is_idempotent()) {
        let not_idempotent = HttpMethod::ALL
            .iter()
            .filter(|method| !method.is_idempotent())
            .map(|method| method.wire_name());
        errors.spanned(
            attr,
            format!(
                "`{}` requests are already retried as idempotent; `#[{IDEMPOTENT}]` is for {} \
                 endpoints that are safe to repeat, so remove it",
                method.wire_name(),
                all_of(not_idempotent)
            ),
        );
    }
    let output = match output {
        None => Output::Empty,
        Some(ty) => check_output(ty, errors)?,
    };
    Some(CheckedEndpoint {
        index: 0,
        ident,
        docs,
        method,
        route: route.value(),
        idempotent: idempotent.is_some(),
        params: checked_params,
        output,
    })
}

/// The header `auth` sets, if any, as written (compare it without case).
fn auth_header(auth: &Auth) -> Option<String> {
    match auth {
        Auth::Bearer | Auth::Basic => Some(AUTHORIZATION.to_owned()),
        Auth::ApiKey {
            place: ApiKeyPlace::Header,
            name,
        } => Some(name.value()),
        Auth::None
        | Auth::ApiKey {
            place: ApiKeyPlace::Query,
            ..
        } => None,
    }
}

/// Checks the route and returns its placeholders in order.
fn check_route(route: &LitStr, errors: &mut Errors) -> Vec<String> {
    let text = route.value();
    let mut fail = |problem: &str| {
        errors.spanned(route, format!("the route {text:?} {problem}"));
    };
    if !text.starts_with('/') {
        fail("must start with `/`, e.g. \"/pets/{id}\"");
    }
    if text.contains("..") {
        fail("contains `..`, which would leave the base path; name the resource directly");
    }
    for (character, name) in [('?', "`?`"), ('#', "`#`")] {
        if text.contains(character) {
            fail(&format!(
                "contains {name}; routes hold only the path: use `#[query]` parameters for the query"
            ));
        }
    }
    if text.contains('\\') {
        fail("contains `\\`; path segments are separated by `/`");
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        fail("contains whitespace; encode it as `%20` or use a placeholder");
    }
    let mut placeholders: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            fail("has a `}` without its `{`");
            break;
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            fail("has a `{` without its `}`");
            break;
        };
        let name = &after[..close];
        // Keywords are fine as placeholders (`{type}` fills `r#type`).
        let is_ident = syn::parse::Parser::parse_str(Ident::parse_any, name).is_ok();
        if !is_ident {
            fail(&format!(
                "has the placeholder `{{{name}}}`, which is not a parameter name"
            ));
        } else if placeholders.iter().any(|seen| seen == name) {
            fail(&format!(
                "uses `{{{name}}}` twice; each placeholder appears once"
            ));
        } else {
            placeholders.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    placeholders
}

fn check_output<'a>(ty: &'a Type, errors: &mut Errors) -> Option<Output<'a>> {
    let what = match ty {
        Type::Reference(_) => "a reference",
        Type::ImplTrait(_) => "`impl Trait`",
        Type::TraitObject(_) => "a trait object",
        Type::Never(_) => "`!`",
        Type::Infer(_) => "`_`",
        Type::FnPtr(_) | Type::Ptr(_) | Type::Macro(_) | Type::Verbatim(_) => "this type",
        _ => {
            // `Result<T, E>` implements `Deserialize` too, so it would compile and then fail
            // on every answer that is not `{"Ok": ..}`; the method already returns a `Result`.
            let Some(ok) = result_ok_type(ty) else {
                return Some(Output::Typed(ty));
            };
            let ok = source_text(quote::quote!(#ok));
            errors.spanned(
                ty,
                format!(
                    "the generated method already returns `Result<{ok}, ApiError>`; write \
                     `-> {ok}`: an error status, a body that does not decode and a timeout \
                     each arrive as a `modsmith::http::ApiError`"
                ),
            );
            return None;
        }
    };
    errors.spanned(
        ty,
        format!(
            "{what} cannot be a return type of an endpoint; return an owned type that \
             implements `serde::Deserialize` (e.g. `Pet`, `Vec<Pet>`), `()` to ignore the \
             body, `modsmith::http::Response` for the raw response, or \
             `modsmith::http::ResponseValue<T>` for a body with the status and headers"
        ),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::parse_duration_ms;

    #[test]
    fn durations_read_in_every_unit() {
        assert_eq!(parse_duration_ms("500ms"), Some(500));
        assert_eq!(parse_duration_ms("1.5s"), Some(1_500));
        assert_eq!(parse_duration_ms(" 2 m "), Some(120_000));
        for refused in ["0s", "0.4ms", "10", "10 seconds", "inf s", "-1s", "ms"] {
            assert_eq!(parse_duration_ms(refused), None, "{refused:?}");
        }
    }
}
