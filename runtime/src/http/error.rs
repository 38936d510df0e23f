//! What can go wrong with a request, as the user of a generated client sees it.

use std::fmt;

use super::endpoint::Method;

/// The error of every generated client method.
///
/// `route` is always the endpoint's template (`/pets/{id}`), never the filled URL: path
/// values, query values and credentials do not appear in errors from what the client sent.
///
/// What the *server* sent is another matter: `body_excerpt` is the start of the response
/// body, as the server wrote it. A server (or a proxy, or a debugging endpoint) that echoes
/// the request back puts the request's headers there, the `Authorization` header or API
/// key included, and the excerpt then reaches whatever prints the error. Against such a
/// server, log [`ApiError::kind`] and [`ApiError::status`] rather than the whole error.
///
/// ```
/// use modsmith_runtime::http::{ApiError, Method};
///
/// let error = ApiError::Status {
///     status: 404,
///     method: Method::Get,
///     route: "/pets/{id}",
///     body_excerpt: "no such pet".to_owned(),
/// };
/// assert_eq!(error.status(), Some(404));
/// assert_eq!(error.kind(), "status");
/// assert_eq!(
///     error.to_string(),
///     "GET /pets/{id} failed with HTTP 404 (no such resource); the server said: no such pet"
/// );
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError {
    /// The server answered with a status outside 200–299.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
        /// The start of the response body (at most 200 characters), for a first look at
        /// what the server said. It is the server's text: a server that echoes requests
        /// puts their headers here, credentials included (see the type's docs).
        body_excerpt: String,
    },
    /// The response body could not be decoded into the return type.
    Decode {
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
        /// What the decoder said.
        message: String,
        /// The start of the response body (at most 200 characters), as the server wrote it;
        /// the same caveat as for [`ApiError::Status`]'s excerpt applies.
        body_excerpt: String,
    },
    /// No complete answer arrived within the client's timeout.
    Timeout {
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
    },
    /// No connection could be made to the server.
    Connect {
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
        /// What the transport said (without the URL).
        message: String,
    },
    /// An argument could not be sent safely; nothing was sent.
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// The client is not usable as configured (a missing credential, a bad base URL).
    InvalidConfig {
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// The response body was larger than the client's limit; it was not read further.
    BodyTooLarge {
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// Any other failure of the transport.
    Transport {
        /// The request's method.
        method: Method,
        /// The endpoint's route template.
        route: &'static str,
        /// What the transport said (without the URL).
        message: String,
    },
}

impl ApiError {
    /// The HTTP status, for [`ApiError::Status`].
    ///
    /// ```
    /// use modsmith_runtime::http::{ApiError, Method};
    ///
    /// let timeout = ApiError::Timeout { method: Method::Get, route: "/pets" };
    /// assert_eq!(timeout.status(), None);
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The kind of error as one stable word, for logs and metrics (and the request span's
    /// `error` field): `status`, `decode`, `timeout`, `connect`, `invalid_parameter`,
    /// `invalid_config`, `body_too_large` or `transport`. Unlike the message, it carries
    /// nothing the server sent.
    ///
    /// ```
    /// use modsmith_runtime::http::{ApiError, Method};
    ///
    /// let timeout = ApiError::Timeout { method: Method::Get, route: "/pets" };
    /// assert_eq!(timeout.kind(), "timeout");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Status { .. } => "status",
            ApiError::Decode { .. } => "decode",
            ApiError::Timeout { .. } => "timeout",
            ApiError::Connect { .. } => "connect",
            ApiError::InvalidParameter { .. } => "invalid_parameter",
            ApiError::InvalidConfig { .. } => "invalid_config",
            ApiError::BodyTooLarge { .. } => "body_too_large",
            ApiError::Transport { .. } => "transport",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Status {
                status,
                method,
                route,
                body_excerpt,
            } => {
                write!(f, "{method} {route} failed with HTTP {status}")?;
                if let Some(hint) = status_hint(*status) {
                    write!(f, " ({hint})")?;
                }
                if !body_excerpt.is_empty() {
                    write!(f, "; the server said: {body_excerpt}")?;
                }
                Ok(())
            }
            ApiError::Decode {
                method,
                route,
                message,
                body_excerpt,
            } => write!(
                f,
                "{method} {route}: the response body does not match the expected type ({message}); \
                 it starts with: {body_excerpt}"
            ),
            ApiError::Timeout { method, route } => write!(
                f,
                "{method} {route} timed out; check that the server is up, or raise the client's timeout"
            ),
            ApiError::Connect {
                method,
                route,
                message,
            } => write!(
                f,
                "{method} {route}: could not connect ({message}); check the base URL and the network"
            ),
            ApiError::InvalidParameter { name, reason } => {
                write!(f, "parameter `{name}` was not sent: {reason}")
            }
            ApiError::InvalidConfig { reason } => {
                write!(f, "the client is misconfigured: {reason}")
            }
            ApiError::BodyTooLarge {
                method,
                route,
                limit,
            } => write!(
                f,
                "{method} {route}: the response body exceeds the client's limit of {limit} bytes; \
                 raise it with `.max_body_bytes(..)` if the server is trusted"
            ),
            ApiError::Transport {
                method,
                route,
                message,
            } => write!(f, "{method} {route}: {message}"),
        }
    }
}

impl std::error::Error for ApiError {}

fn status_hint(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "the server rejected the request as malformed",
        401 => "missing or wrong credentials",
        403 => "the credentials do not allow this",
        404 => "no such resource",
        409 => "conflict with the current state",
        422 => "the server could not process the content",
        429 => "too many requests; slow down, or retry later",
        500..=599 => "a server-side error",
        _ => return None,
    })
}

/// How a transport failed, before the client adds the endpoint to make an [`ApiError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum TransportError {
    /// No complete answer within the timeout.
    Timeout,
    /// No connection could be made; the request was not sent.
    Connect(String),
    /// The response body exceeded the request's limit.
    BodyTooLarge,
    /// Anything else.
    Other(String),
}

impl TransportError {
    pub(crate) fn into_api_error(
        self,
        method: Method,
        route: &'static str,
        limit: usize,
    ) -> ApiError {
        match self {
            TransportError::Timeout => ApiError::Timeout { method, route },
            TransportError::Connect(message) => ApiError::Connect {
                method,
                route,
                message,
            },
            TransportError::BodyTooLarge => ApiError::BodyTooLarge {
                method,
                route,
                limit,
            },
            TransportError::Other(message) => ApiError::Transport {
                method,
                route,
                message,
            },
        }
    }
}
