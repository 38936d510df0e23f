//! The reqwest transports (features `http` and `blocking`).

use std::error::Error as _;
#[cfg(feature = "blocking")]
use std::io::Read;
#[cfg(feature = "http")]
use std::time::Duration;

use super::endpoint::Method;
use super::error::TransportError;
use super::request::Request;
use super::response::Response;
use super::transport::NewTransport;

fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
        Method::Head => reqwest::Method::HEAD,
    }
}

/// The status and headers of a response, unless its declared length is already over the
/// request's body limit (refused before a byte of it is read). A macro for the same reason as
/// `request_builder!`: the async and blocking responses share method names but no trait.
macro_rules! head_within_limit {
    ($response:expr, $limit:expr) => {{
        let response = &$response;
        if response
            .content_length()
            .is_some_and(|length| length > $limit as u64)
        {
            return Err(TransportError::BodyTooLarge);
        }
        (response.status().as_u16(), response.headers().clone())
    }};
}

/// The reqwest request for a [`Request`]: the same steps for the async and the blocking
/// client, whose builders share method names but no trait.
macro_rules! request_builder {
    ($client:expr, $request:expr) => {{
        let request = $request;
        let mut builder = $client.request(reqwest_method(request.method), &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(http::header::CONTENT_TYPE, body.content_type)
                .body(body.bytes.clone());
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        builder
    }};
}

/// A reqwest error as a transport error, without the URL (which may hold path values, query
/// values or an API key).
fn transport_error(error: reqwest::Error) -> TransportError {
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    if error.is_timeout() {
        TransportError::Timeout
    } else if error.is_connect() {
        TransportError::Connect(message)
    } else {
        TransportError::Other(message)
    }
}

/// Why reqwest could not build its client (its TLS backend failed to start): kept, and
/// reported by every request, since a `Default` cannot fail and must not panic.
#[derive(Debug, Clone)]
struct UnbuiltClient(String);

impl From<reqwest::Error> for UnbuiltClient {
    fn from(error: reqwest::Error) -> Self {
        UnbuiltClient(error.to_string())
    }
}

impl UnbuiltClient {
    fn to_error(&self) -> TransportError {
        TransportError::Other(format!("the HTTP client could not be built: {}", self.0))
    }
}

/// Follows redirects only within one origin (scheme, host and port) and at most 10 times:
/// reqwest would strip `Authorization` on a cross-host redirect, but not an API-key header or
/// header parameters, and it would follow https → http.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().last().is_some_and(|previous| {
            previous.scheme() == attempt.url().scheme()
                && previous.host_str() == attempt.url().host_str()
                && previous.port_or_known_default() == attempt.url().port_or_known_default()
        });
        if same_origin && attempt.previous().len() <= 10 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Sends async requests with a [`reqwest::Client`] (rustls). Needs a Tokio runtime.
/// Redirects are followed only within the same origin.
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: Result<reqwest::Client, UnbuiltClient>,
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Default for ReqwestTransport {
    fn default() -> Self {
        let client = reqwest::Client::builder()
            .redirect(same_origin_redirects())
            .build()
            .map_err(UnbuiltClient::from);
        ReqwestTransport { client }
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl ReqwestTransport {
    /// A transport with reqwest's default settings, redirects kept within one origin.
    pub fn new() -> Self {
        ReqwestTransport::default()
    }

    /// A transport over a client you configured (proxies, TLS roots, connection pools).
    /// Its redirect policy is yours: reqwest's default follows redirects to other hosts and
    /// keeps API-key headers on them.
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client: Ok(client) }
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl NewTransport for ReqwestTransport {
    fn new_transport() -> Self {
        ReqwestTransport::new()
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl super::transport::Transport for ReqwestTransport {
    async fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let client = self.client.as_ref().map_err(UnbuiltClient::to_error)?;
        let builder = request_builder!(client, request);
        let mut response = builder.send().await.map_err(transport_error)?;
        let limit = request.max_body_bytes;
        let (status, headers) = head_within_limit!(response, limit);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if body.len() + chunk.len() > limit {
                return Err(TransportError::BodyTooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response::new(status, headers, body))
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

/// Sends blocking requests with a [`reqwest::blocking::Client`] (rustls). Redirects are
/// followed only within the same origin.
///
/// # Inside an async runtime
///
/// Do not send requests from async code (a Tokio task): reqwest's blocking client panics
/// there in debug builds ("Cannot drop a runtime in a context where blocking is not
/// allowed") and blocks the executor's thread in release builds, which can hang a runtime
/// whose server runs on the same thread. The panic-free form is to use the async client
/// there, or to move the blocking call onto a thread where blocking is allowed:
/// `tokio::task::spawn_blocking(move || client.get_pet(7))`. This cannot be detected
/// reliably (a `spawn_blocking` thread sees the same runtime as a task does), so it is
/// documented rather than refused.
///
/// *Creating* the transport is safe anywhere: inside a runtime, reqwest's client is built
/// on a short-lived thread of its own, so a blocking client can be made in async code and
/// handed to `spawn_blocking`.
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
#[derive(Debug, Clone)]
pub struct ReqwestBlockingTransport {
    client: Result<reqwest::blocking::Client, UnbuiltClient>,
}

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
impl Default for ReqwestBlockingTransport {
    fn default() -> Self {
        let build = || {
            reqwest::blocking::Client::builder()
                .redirect(same_origin_redirects())
                .build()
                .map_err(UnbuiltClient::from)
        };
        // reqwest waits for its client's own runtime to start, which panics on a thread that
        // runs async code; a thread of our own has no runtime to upset.
        let client = if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::Builder::new()
                .name("modsmith-blocking-client".to_owned())
                .spawn(build)
                .map_err(|error| UnbuiltClient(error.to_string()))
                .and_then(|thread| {
                    thread.join().unwrap_or_else(|_| {
                        Err(UnbuiltClient(
                            "building reqwest's blocking client panicked".to_owned(),
                        ))
                    })
                })
        } else {
            build()
        };
        ReqwestBlockingTransport { client }
    }
}

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
impl ReqwestBlockingTransport {
    /// A transport with reqwest's default settings, redirects kept within one origin.
    pub fn new() -> Self {
        ReqwestBlockingTransport::default()
    }

    /// A transport over a client you configured; its redirect policy is yours.
    pub fn from_client(client: reqwest::blocking::Client) -> Self {
        ReqwestBlockingTransport { client: Ok(client) }
    }
}

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
impl NewTransport for ReqwestBlockingTransport {
    fn new_transport() -> Self {
        ReqwestBlockingTransport::new()
    }
}

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
impl super::transport::BlockingTransport for ReqwestBlockingTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let client = self.client.as_ref().map_err(UnbuiltClient::to_error)?;
        let builder = request_builder!(client, request);
        let response = builder.send().map_err(transport_error)?;
        let limit = request.max_body_bytes;
        let (status, headers) = head_within_limit!(response, limit);
        let mut body = Vec::new();
        response
            .take((limit as u64).saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|error| {
                // reqwest reports a body timeout as an io::Error wrapping its own error.
                let timed_out = error
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
                    .is_some_and(reqwest::Error::is_timeout);
                if timed_out || error.kind() == std::io::ErrorKind::TimedOut {
                    TransportError::Timeout
                } else {
                    TransportError::Other(error.to_string())
                }
            })?;
        if body.len() > limit {
            return Err(TransportError::BodyTooLarge);
        }
        Ok(Response::new(status, headers, body))
    }
}
