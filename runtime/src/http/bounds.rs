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

use super::call::Call;
#[cfg(feature = "serde")]
use super::send::JsonCall;

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
    note = "use a type that implements `Display` (a number, `bool`, `&str`, `String`, or a type of yours with `impl std::fmt::Display`); a list is not repeated as `name=a&name=b`, so join it into one string"
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

/// A type an endpoint can return, besides `()` and `Response`: one decoded from the JSON
/// response body with serde.
#[cfg(feature = "serde")]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an endpoint's return type: it does not implement `serde::Deserialize`",
    label = "the JSON response body is decoded into it",
    note = "add `#[derive(serde::Deserialize)]` to the type, return `()` to ignore the body, or `modsmith::http::Response` to read it yourself"
)]
pub trait JsonResponse: serde::de::DeserializeOwned {}

#[cfg(feature = "serde")]
impl<T: serde::de::DeserializeOwned> JsonResponse for T {}

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

/// The call, to be answered with a JSON body decoded into `R`: generated code sends it with
/// `JsonCall::send` or `JsonCall::send_blocking`, which need no bound on `R`, so both
/// clients report a missing `Deserialize` here, identically (one error).
#[cfg(feature = "serde")]
#[inline]
pub fn json<R: JsonResponse>(call: Call<'_>) -> JsonCall<'_, R> {
    JsonCall::new(call)
}
