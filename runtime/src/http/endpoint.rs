//! What generated code declares once per endpoint: its method and route template. Depends
//! on nothing else in `http`.

use std::fmt::{self, Display};

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
}

impl Method {
    /// The method's name on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// Whether repeating the request has the same effect as sending it once (RFC 9110):
    /// GET, HEAD, PUT and DELETE. Only these are retried unless an endpoint is marked
    /// `#[idempotent]`.
    pub const fn is_idempotent(self) -> bool {
        matches!(
            self,
            Method::Get | Method::Head | Method::Put | Method::Delete
        )
    }
}

impl Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fixed part of one endpoint, declared once per endpoint by generated code.
#[derive(Debug)]
pub struct Endpoint {
    method: Method,
    route: &'static str,
    retry_safe: bool,
}

impl Endpoint {
    /// An endpoint; `idempotent` marks a POST or PATCH endpoint as safe to retry.
    pub const fn new(method: Method, route: &'static str, idempotent: bool) -> Self {
        Endpoint {
            method,
            route,
            retry_safe: idempotent || method.is_idempotent(),
        }
    }

    /// The method.
    pub const fn method(&self) -> Method {
        self.method
    }

    /// The route template, e.g. `/pets/{id}`.
    pub const fn route(&self) -> &'static str {
        self.route
    }

    /// Whether failed attempts may be retried.
    pub const fn is_retry_safe(&self) -> bool {
        self.retry_safe
    }
}
