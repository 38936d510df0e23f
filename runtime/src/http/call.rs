//! The request a generated method fills in, argument by argument: path values (each
//! encoded as one segment), query, headers and body, checked as they come, and the request
//! it becomes. Sending it (`json`, `empty`, `raw` and their blocking twins) is `send.rs`'s job.

use std::fmt::Display;

use http::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::client::ClientCore;
use super::endpoint::Endpoint;
use super::error::ApiError;
use super::request::{Body, Request};

/// Everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so a value is
/// always exactly one path segment: `/`, `?`, `#`, `%`, spaces and non-ASCII are encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query names and values: the same set, so `&`, `=` and `+` cannot split a value (and a
/// `,` inside a comma-joined value is encoded, so it cannot split that either).
const QUERY_COMPONENT: &AsciiSet = PATH_SEGMENT;

/// How a list query parameter is sent: OpenAPI's `form` style, exploded or not. An empty
/// list sends nothing in either style.
///
/// ```
/// use modsmith_runtime::http::QueryStyle;
///
/// // `#[query] tag: Vec<&str>` sends `?tag=a&tag=b`; `#[query(style = comma)]`, `?tag=a,b`.
/// assert_eq!(QueryStyle::default(), QueryStyle::Repeat);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryStyle {
    /// One `name=value` pair per value: `?tag=a&tag=b` (OpenAPI `explode: true`).
    #[default]
    Repeat,
    /// One pair, the values joined with `,`: `?tag=a,b` (OpenAPI `explode: false`). A comma
    /// inside a value is percent-encoded, so the server can split the list unambiguously.
    Comma,
}

/// One path value, encoded as a single segment; `.` and `..` (also percent-encoded, as
/// `%2e`) are refused because a server or proxy would read them as moves in the path.
pub fn encode_path_segment(name: &'static str, value: &str) -> Result<String, ApiError> {
    check_path_value(name, value)?;
    Ok(utf8_percent_encode(value, PATH_SEGMENT).to_string())
}

/// Refuses a path value that is empty, or `.` or `..` (also percent-encoded).
fn check_path_value(name: &'static str, value: &str) -> Result<(), ApiError> {
    let decoded = percent_decode_str(value).decode_utf8_lossy();
    if decoded == "." || decoded == ".." {
        return Err(ApiError::InvalidParameter {
            name,
            reason: format!(
                "the path value {value:?} would be read as a relative path segment (`.` or `..`) \
                 and could reach another resource"
            ),
        });
    }
    if value.is_empty() {
        return Err(ApiError::InvalidParameter {
            name,
            reason: "an empty path value would change which route the request reaches".to_owned(),
        });
    }
    Ok(())
}

impl ClientCore {
    /// Starts a request to `endpoint` with these settings: how a generated method begins, in
    /// one short line (every generated line is compiled by every user).
    pub fn call(&self, endpoint: &'static Endpoint) -> Call<'_> {
        Call::new(self, endpoint)
    }
}

/// A request being filled in by a generated method. Each argument method records the first
/// problem instead of returning it, so the generated code stays a flat list of calls;
/// `send` reports it before anything is sent.
#[derive(Debug)]
pub struct Call<'c> {
    core: &'c ClientCore,
    endpoint: &'static Endpoint,
    /// Placeholder names with their raw values, checked; encoded when the URL is built.
    path_values: Vec<(&'static str, String)>,
    /// Names with their values, already percent-encoded (a comma-joined list keeps its
    /// separators as they are).
    query: Vec<(&'static str, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Body>,
    problem: Option<ApiError>,
}

impl<'c> Call<'c> {
    /// Starts a request to `endpoint` with the client's settings.
    pub fn new(core: &'c ClientCore, endpoint: &'static Endpoint) -> Self {
        Call {
            core,
            endpoint,
            path_values: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            problem: None,
        }
    }

    fn refuse(&mut self, problem: ApiError) {
        self.problem.get_or_insert(problem);
    }

    /// Fills the `{name}` placeholder with `value`, encoded as one path segment.
    pub fn path(&mut self, name: &'static str, value: &dyn Display) {
        let value = value.to_string();
        match check_path_value(name, &value) {
            Ok(()) => self.path_values.push((name, value)),
            Err(problem) => self.refuse(problem),
        }
    }

    /// Adds `name=value` to the query string.
    pub fn query(&mut self, name: &'static str, value: &dyn Display) {
        let value = value.to_string();
        self.query.push((
            name,
            utf8_percent_encode(&value, QUERY_COMPONENT).to_string(),
        ));
    }

    /// Adds a list to the query string, as `style` says: `tag=a&tag=b` or `tag=a,b`.
    /// An empty list adds nothing.
    pub fn query_list<T: Display>(&mut self, name: &'static str, style: QueryStyle, values: &[T]) {
        match style {
            QueryStyle::Repeat => {
                for value in values {
                    self.query(name, value);
                }
            }
            QueryStyle::Comma if values.is_empty() => {}
            QueryStyle::Comma => {
                let mut joined = String::new();
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        joined.push(',');
                    }
                    joined.extend(utf8_percent_encode(&value.to_string(), QUERY_COMPONENT));
                }
                self.query.push((name, joined));
            }
        }
    }

    /// Adds `name=value` to the query string when `value` is `Some`.
    pub fn query_opt<T: Display>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.query(name, value);
        }
    }

    /// Adds the header `header` (checked at compile time) from the parameter `parameter`. A
    /// value with CR, LF or another control character is refused: it could inject headers.
    pub fn header(&mut self, header: &'static str, parameter: &'static str, value: &dyn Display) {
        let header_name = HeaderName::from_static_checked(header);
        match (header_name, HeaderValue::try_from(value.to_string())) {
            (Some(header_name), Ok(header_value)) => self.headers.push((header_name, header_value)),
            _ => self.refuse(ApiError::InvalidParameter {
                name: parameter,
                reason: format!(
                    "the `{header}` header value cannot contain CR, LF or other control characters"
                ),
            }),
        }
    }

    /// Adds a header when `value` is `Some`.
    pub fn header_opt<T: Display>(
        &mut self,
        header: &'static str,
        parameter: &'static str,
        value: &Option<T>,
    ) {
        if let Some(value) = value {
            self.header(header, parameter, value);
        }
    }

    /// Sends `value` as the body, as it is.
    pub fn bytes_body(&mut self, value: impl Into<Vec<u8>>) {
        self.body = Some(Body {
            bytes: bytes::Bytes::from(value.into()),
            content_type: "application/octet-stream",
        });
    }

    /// Sends `value` as a JSON body.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn json_body<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(bytes) => {
                self.body = Some(Body {
                    bytes: bytes.into(),
                    content_type: "application/json",
                })
            }
            Err(error) => self.refuse(ApiError::InvalidParameter {
                name,
                reason: format!("it could not be encoded as JSON: {error}"),
            }),
        }
    }

    /// Sends `value` as an `application/x-www-form-urlencoded` body.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn form_body<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_urlencoded::to_string(value) {
            Ok(text) => {
                self.body = Some(Body {
                    bytes: text.into_bytes().into(),
                    content_type: "application/x-www-form-urlencoded",
                })
            }
            Err(error) => self.refuse(ApiError::InvalidParameter {
                name,
                reason: format!("it could not be encoded as a form: {error}"),
            }),
        }
    }

    /// The endpoint the call goes to.
    pub(crate) fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The settings of the client that makes the call.
    pub(crate) fn core(&self) -> &'c ClientCore {
        self.core
    }

    /// The request to hand to a transport, or the first problem an argument had: the
    /// client's headers, the call's own, the credentials, and the URL.
    pub(crate) fn into_request(self) -> Result<Request, ApiError> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let core = self.core;
        // Sized once: static headers, the call's own, and one for credentials.
        let mut headers = Vec::with_capacity(core.headers().len() + self.headers.len() + 1);
        headers.extend(core.headers().iter().cloned());
        headers.extend(self.headers.iter().cloned());
        let api_key_query = core.authenticate(&mut headers)?;
        Ok(Request {
            method: self.endpoint.method(),
            url: self.url(api_key_query),
            route: self.endpoint.route(),
            headers,
            body: self.body,
            timeout: core.timeout(),
            max_body_bytes: core.max_body_bytes(),
        })
    }

    /// The URL: base, the route with its placeholders filled (each value encoded as one
    /// segment), then the query. Built once, straight into one string.
    fn url(&self, extra_query: Option<(&'static str, &str)>) -> String {
        let base = self.core.base_url().trim_end_matches('/');
        let route = self.endpoint.route();
        let mut url = String::with_capacity(base.len() + route.len() + 32);
        url.push_str(base);
        let mut rest = route;
        while let Some(open) = rest.find('{') {
            url.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if let Some((_, value)) = self
                .path_values
                .iter()
                .find(|(placeholder, _)| *placeholder == name)
            {
                url.extend(utf8_percent_encode(value, PATH_SEGMENT));
            }
            rest = &after[close + 1..];
        }
        url.push_str(rest);
        let mut separator = '?';
        for (name, encoded) in &self.query {
            url.push(separator);
            url.extend(utf8_percent_encode(name, QUERY_COMPONENT));
            url.push('=');
            url.push_str(encoded);
            separator = '&';
        }
        if let Some((name, value)) = extra_query {
            url.push(separator);
            url.extend(utf8_percent_encode(name, QUERY_COMPONENT));
            url.push('=');
            url.extend(utf8_percent_encode(value, QUERY_COMPONENT));
        }
        url
    }
}

/// `HeaderName::from_static` panics on a bad name; names reach here only after the macro
/// checked them, but a failed check must still not panic.
trait FromStaticChecked: Sized {
    fn from_static_checked(name: &'static str) -> Option<Self>;
}

impl FromStaticChecked for HeaderName {
    fn from_static_checked(name: &'static str) -> Option<Self> {
        HeaderName::from_bytes(name.as_bytes()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::encode_path_segment;

    #[test]
    fn path_values_are_one_segment() {
        let encoded = |value| encode_path_segment("id", value).map_err(|error| error.to_string());
        assert_eq!(encoded("42"), Ok("42".to_owned()));
        assert_eq!(encoded("a/b?c#d"), Ok("a%2Fb%3Fc%23d".to_owned()));
        assert_eq!(encoded("100% é"), Ok("100%25%20%C3%A9".to_owned()));
        assert_eq!(encoded("..."), Ok("...".to_owned()));
        for refused in [".", "..", "%2e", "%2E%2e", ""] {
            assert!(encoded(refused).is_err(), "{refused:?} must be refused");
        }
    }
}
