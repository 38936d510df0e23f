//! What an endpoint's parameter and return types must implement, one trait per use, and the
//! functions through which generated code fills and sends a [`Call`] with them.
//!
//! Every trait is implemented for every type that meets the underlying bound (`Display`,
//! `serde::Serialize`, ...), and tells of a type that does not what the type is used for and
//! what to write instead. Generated code names the user's type in each function's turbofish,
//! spanned on the type as written, so the compiler reports a missing bound there, once (the
//! async and the blocking client make the same call, so the two errors are one), instead of
//! on the whole macro call with this crate's internals. Each function then calls the `Call`
//! method of the same name, whose own bound the trait implies, so that one reports nothing.

use std::fmt::Display;

use super::call::{Call, QueryStyle};
use super::endpoint::Endpoint;
use super::error::ApiError;
use super::response::Response;
use super::response_value::ResponseValue;
use super::send::{Returning, keep_response};

/// A type a path parameter can have: one written into the URL with `Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path parameter: it does not implement `std::fmt::Display`",
    label = "a path value is written into the URL with `Display`",
    note = "use a type that implements `Display` (a number, `&str`, `String`, or a type of yours with `impl std::fmt::Display`)"
)]
pub trait PathParameter: Display {}

impl<T: Display + ?Sized> PathParameter for T {}

/// A type a `#[query]` parameter can have (the `T` of an optional `Option<T>`): one written
/// into the URL with `Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a query parameter: it does not implement `std::fmt::Display`",
    label = "a query value is written into the URL with `Display`",
    note = "use a type that implements `Display` (a number, `bool`, `&str`, `String`, or a type of yours with `impl std::fmt::Display`); a list written as `Vec<T>` or `&[T]` is sent as `name=a&name=b`, each value with `Display`"
)]
pub trait QueryParameter: Display {}

impl<T: Display + ?Sized> QueryParameter for T {}

/// A type a `#[header("..")]` parameter can have (the `T` of an optional `Option<T>`): one
/// written as the header value with `Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a header parameter: it does not implement `std::fmt::Display`",
    label = "a header value is written with `Display`",
    note = "use a type that implements `Display` (a number, `&str`, `String`, or a type of yours with `impl std::fmt::Display`)"
)]
pub trait HeaderParameter: Display {}

impl<T: Display + ?Sized> HeaderParameter for T {}

/// A type a `#[body]` parameter can have: one encoded as JSON with serde.
#[cfg(feature = "serde")]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a JSON body: it does not implement `serde::Serialize`",
    label = "a `#[body]` is encoded as JSON with serde",
    note = "add `#[derive(serde::Serialize)]` to the type, or send bytes as they are with `#[body(bytes)]`"
)]
pub trait JsonBody: serde::Serialize {}

#[cfg(feature = "serde")]
impl<T: serde::Serialize + ?Sized> JsonBody for T {}

/// A type a `#[body(form)]` parameter can have: one encoded as a form with serde.
#[cfg(feature = "serde")]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a form body: it does not implement `serde::Serialize`",
    label = "a `#[body(form)]` is encoded as `application/x-www-form-urlencoded` with serde",
    note = "add `#[derive(serde::Serialize)]` to the type (a struct of named fields)"
)]
pub trait FormBody: serde::Serialize {}

#[cfg(feature = "serde")]
impl<T: serde::Serialize + ?Sized> FormBody for T {}

/// A type an endpoint can return, besides `()`: what a successful response becomes.
///
/// Which type means what is decided here, by the type itself, not by the macro reading its
/// name: modsmith's [`Response`] is the raw response however it is written (imported,
/// renamed, through a renamed crate), and a user's own type that happens to be called
/// `Response` is decoded from JSON like any other. [`ResponseValue<T>`] adds the status and
/// headers to a `T`.
///
/// The impls do not overlap: `Response` and `ResponseValue` are this crate's types and
/// implement no `Deserialize`, so the compiler knows the JSON impl does not cover them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an endpoint's return type: it does not implement `serde::Deserialize`",
    label = "the JSON response body is decoded into it",
    note = "add `#[derive(serde::Deserialize)]` to the type, return `()` to ignore the body, or `modsmith::http::Response` to read it yourself"
)]
pub trait FromResponse: Sized {
    /// The value of a successful response to a request to `endpoint`.
    fn from_response(response: Response, endpoint: &'static Endpoint) -> Result<Self, ApiError>;
}

/// A JSON body decoded with serde; an empty body reads as `null`.
#[cfg(feature = "serde")]
impl<T: serde::de::DeserializeOwned> FromResponse for T {
    fn from_response(response: Response, endpoint: &'static Endpoint) -> Result<Self, ApiError> {
        super::send::decode_json(response, endpoint)
    }
}

/// The raw response: status, headers and body as they came.
impl FromResponse for Response {
    fn from_response(response: Response, endpoint: &'static Endpoint) -> Result<Self, ApiError> {
        keep_response(response, endpoint)
    }
}

/// The body as `T` reads it, with the status and headers.
impl<T: FromResponse> FromResponse for ResponseValue<T> {
    fn from_response(response: Response, endpoint: &'static Endpoint) -> Result<Self, ApiError> {
        let (status, headers) = (response.status(), response.headers().clone());
        Ok(ResponseValue::new(
            status,
            headers,
            T::from_response(response, endpoint)?,
        ))
    }
}

/// Fills the `{name}` placeholder with `value`: [`Call::path`].
#[inline]
pub fn path<T: PathParameter>(call: &mut Call<'_>, name: &'static str, value: &T) {
    call.path(name, value);
}

/// Adds `name=value` to the query string: [`Call::query`].
#[inline]
pub fn query<T: QueryParameter>(call: &mut Call<'_>, name: &'static str, value: &T) {
    call.query(name, value);
}

/// Adds `name=value` to the query string when `value` is `Some`: [`Call::query_opt`].
#[inline]
pub fn query_opt<T: QueryParameter>(call: &mut Call<'_>, name: &'static str, value: &Option<T>) {
    call.query_opt(name, value);
}

/// Adds a list (`Vec<T>`, `&[T]`, ..) to the query string in `style`: [`Call::query_list`].
#[inline]
pub fn query_list<T: QueryParameter, L: AsRef<[T]> + ?Sized>(
    call: &mut Call<'_>,
    name: &'static str,
    style: QueryStyle,
    values: &L,
) {
    call.query_list(name, style, values.as_ref());
}

/// Adds a list to the query string when `values` is `Some`: [`Call::query_list`].
#[inline]
pub fn query_list_opt<T: QueryParameter, L: AsRef<[T]>>(
    call: &mut Call<'_>,
    name: &'static str,
    style: QueryStyle,
    values: &Option<L>,
) {
    if let Some(values) = values {
        call.query_list(name, style, values.as_ref());
    }
}

/// Adds the header `header` from the parameter `parameter`: [`Call::header`].
#[inline]
pub fn header<T: HeaderParameter>(
    call: &mut Call<'_>,
    header: &'static str,
    parameter: &'static str,
    value: &T,
) {
    call.header(header, parameter, value);
}

/// Adds the header `header` when `value` is `Some`: [`Call::header_opt`].
#[inline]
pub fn header_opt<T: HeaderParameter>(
    call: &mut Call<'_>,
    header: &'static str,
    parameter: &'static str,
    value: &Option<T>,
) {
    call.header_opt(header, parameter, value);
}

/// Sends `value` as a JSON body: [`Call::json_body`].
#[cfg(feature = "serde")]
#[inline]
pub fn json_body<T: JsonBody + ?Sized>(call: &mut Call<'_>, name: &'static str, value: &T) {
    call.json_body(name, value);
}

/// Sends `value` as a form body: [`Call::form_body`].
#[cfg(feature = "serde")]
#[inline]
pub fn form_body<T: FormBody + ?Sized>(call: &mut Call<'_>, name: &'static str, value: &T) {
    call.form_body(name, value);
}

/// Sends `value` as the body, as it is: [`Call::bytes_body`].
///
/// No trait of this module names the rule here: for `Into<Vec<u8>>` the compiler reports
/// the inner bound (`Vec<u8>: From<T>`), whose self type is not the user's, and then shows
/// that bound's message rather than a wrapping trait's. It still shows it once, at the type.
#[inline]
pub fn bytes_body<T: Into<Vec<u8>>>(call: &mut Call<'_>, value: T) {
    call.bytes_body(value);
}

/// The call, to be answered with an `R`: generated code sends it with `Returning::send` or
/// `Returning::send_blocking`, which need no bound on `R`, so both clients report a return
/// type that cannot be made from a response here, identically (one error).
#[inline]
pub fn returning<R: FromResponse>(call: Call<'_>) -> Returning<'_, R> {
    Returning::new(call, R::from_response)
}
