//! A typed body together with the status and headers of the response it came in.

use std::ops::Deref;

use http::HeaderMap;

/// What an endpoint declared `-> ResponseValue<T>` returns: the body decoded as `T` would be
/// (JSON into a `serde::Deserialize` type, or the raw [`Response`](super::Response)), with
/// the response's status and headers, so that a typed call can still read, e.g., a
/// rate-limit header. It dereferences to the body.
///
/// ```
/// use modsmith_runtime::http::ResponseValue;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("x-ratelimit-remaining", http::HeaderValue::from_static("4999"));
/// let answer = ResponseValue::new(200, headers, vec![1, 2, 3]);
/// assert_eq!(answer.status(), 200);
/// assert_eq!(answer.headers()["x-ratelimit-remaining"], "4999");
/// assert_eq!(answer.len(), 3); // through `Deref`
/// assert_eq!(answer.into_body(), vec![1, 2, 3]);
/// ```
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    status: u16,
    headers: HeaderMap,
    body: T,
}

impl<T> ResponseValue<T> {
    /// A body with its response's status and headers.
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// let answer = ResponseValue::new(201, http::HeaderMap::new(), "created");
    /// assert_eq!(*answer.body(), "created");
    /// ```
    pub fn new(status: u16, headers: HeaderMap, body: T) -> Self {
        ResponseValue {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status code (always in 200–299: other statuses are [`ApiError`](super::ApiError)s).
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// assert_eq!(ResponseValue::new(204, http::HeaderMap::new(), ()).status(), 204);
    /// ```
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers.
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("etag", http::HeaderValue::from_static("\"v1\""));
    /// let answer = ResponseValue::new(200, headers, ());
    /// assert_eq!(answer.headers().get("etag").and_then(|v| v.to_str().ok()), Some("\"v1\""));
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// assert_eq!(*ResponseValue::new(200, http::HeaderMap::new(), 7).body(), 7);
    /// ```
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping the status and headers.
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// assert_eq!(ResponseValue::new(200, http::HeaderMap::new(), 7).into_body(), 7);
    /// ```
    pub fn into_body(self) -> T {
        self.body
    }

    /// The status, the headers and the body, each owned.
    ///
    /// ```
    /// # use modsmith_runtime::http::ResponseValue;
    /// let (status, headers, body) = ResponseValue::new(200, http::HeaderMap::new(), 7).into_parts();
    /// assert_eq!((status, headers.len(), body), (200, 0, 7));
    /// ```
    pub fn into_parts(self) -> (u16, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}
