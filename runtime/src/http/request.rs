//! The request a transport sends: method, URL, headers, body and limits, all filled in.

use std::fmt;

use http::{HeaderName, HeaderValue};

use super::endpoint::Method;

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
