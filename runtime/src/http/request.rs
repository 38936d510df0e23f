//! Requests: the request a generated method fills in, argument by argument, and the request
//! a transport sends.

use std::fmt::{self, Display};

use http::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::client::ClientCore;
use super::endpoint::{Endpoint, Method};
use super::error::ApiError;

/// A request body, already encoded.
#[derive(Debug, Clone)]
pub struct Body {
    /// The encoded bytes (cheap to clone).
    pub bytes: bytes::Bytes,
    /// The `Content-Type` to send with them.
    pub content_type: &'static str,
}

/// A request ready for a transport.
///
/// `url` holds filled path and query values, and may hold an API key: transports must not
/// log it. `route` is the template, safe to log. `Debug` shows the URL without its query,
/// and header values only when they are not sensitive.
#[derive(Clone)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// The endpoint's route template.
    pub route: &'static str,
    /// Headers to send; credentials are marked sensitive.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body, if any.
    pub body: Option<Body>,
    /// How long one attempt may take, from connecting to the end of the body.
    pub timeout: Option<std::time::Duration>,
    /// The most response-body bytes to read; more is [`TransportError::BodyTooLarge`](super::TransportError::BodyTooLarge).
    pub max_body_bytes: usize,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let without_query = self.url.split('?').next().unwrap_or_default();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field(
                "url",
                &format_args!(
                    "{without_query}{}",
                    if self.url.contains('?') { "?…" } else { "" }
                ),
            )
            .field("route", &self.route)
            .field("headers", &self.headers)
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|body| (body.content_type, body.bytes.len())),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so a value is
/// always exactly one path segment: `/`, `?`, `#`, `%`, spaces and non-ASCII are encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query names and values: the same set, so `&`, `=` and `+` cannot split a value.
const QUERY_COMPONENT: &AsciiSet = PATH_SEGMENT;

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

/// A request being filled in by a generated method. Each argument method records the first
/// problem instead of returning it, so the generated code stays a flat list of calls;
/// `send` reports it before anything is sent.
#[derive(Debug)]
pub struct Call<'c> {
    pub(crate) core: &'c ClientCore,
    pub(crate) endpoint: &'static Endpoint,
    /// Placeholder names with their raw values, checked; encoded when the URL is built.
    pub(crate) path_values: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<Body>,
    pub(crate) problem: Option<ApiError>,
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
        self.query.push((name, value.to_string()));
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

    /// Sends the call through an async transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    pub async fn json<T: super::Transport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        let endpoint = self.endpoint;
        super::client::decode_json(endpoint, super::client::send(transport, self).await)
    }

    /// Sends the call through an async transport and ignores the body.
    pub async fn empty<T: super::Transport + ?Sized>(self, transport: &T) -> Result<(), ApiError> {
        super::client::send(transport, self).await.map(drop)
    }

    /// Sends the call through an async transport and returns the response.
    pub async fn raw<T: super::Transport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<super::Response, ApiError> {
        super::client::send(transport, self).await
    }

    /// Sends the call through a blocking transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    pub fn json_blocking<T: super::BlockingTransport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        let endpoint = self.endpoint;
        super::client::decode_json(endpoint, super::client::send_blocking(transport, self))
    }

    /// Sends the call through a blocking transport and ignores the body.
    pub fn empty_blocking<T: super::BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<(), ApiError> {
        super::client::send_blocking(transport, self).map(drop)
    }

    /// Sends the call through a blocking transport and returns the response.
    pub fn raw_blocking<T: super::BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<super::Response, ApiError> {
        super::client::send_blocking(transport, self)
    }

    /// The URL: base, the route with its placeholders filled (each value encoded as one
    /// segment), then the query. Built once, straight into one string.
    pub(crate) fn url(&self, extra_query: Option<(&'static str, &str)>) -> String {
        let base = self.core.base_url.trim_end_matches('/');
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
        let pairs = self
            .query
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .chain(extra_query);
        for (index, (name, value)) in pairs.enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
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
