//! What a generated client sends requests through.

use std::future::Future;
use std::time::Duration;

use super::error::TransportError;
use super::request::Request;
use super::response::Response;

/// Sends requests for async clients. Implement it to put a generated client on another
/// HTTP stack; [`ReqwestTransport`](super::ReqwestTransport) and
/// [`MockTransport`](super::MockTransport) come with modsmith.
pub trait Transport: Send + Sync {
    /// Sends one request and reads the response body up to `request.max_body_bytes`.
    fn send(
        &self,
        request: &Request,
    ) -> impl Future<Output = Result<Response, TransportError>> + Send;

    /// Waits between retries. A transport owns its timer, so the client needs no runtime of
    /// its own, and a test transport can skip the wait.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;
}

/// Sends requests for blocking clients.
pub trait BlockingTransport {
    /// Sends one request and reads the response body up to `request.max_body_bytes`.
    fn send(&self, request: &Request) -> Result<Response, TransportError>;

    /// Waits between retries.
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// The transport of a client whose default transport was compiled out: every request fails
/// with a message naming the feature to enable.
#[derive(Debug, Clone, Copy)]
pub struct MissingTransport(&'static str);

impl MissingTransport {
    fn error(self) -> TransportError {
        TransportError::Other(format!(
            "no HTTP transport: enable the `{}` feature of modsmith, or build the client with \
             `with_transport(..)`",
            self.0
        ))
    }
}

impl Transport for MissingTransport {
    async fn send(&self, _request: &Request) -> Result<Response, TransportError> {
        Err(self.error())
    }

    async fn sleep(&self, _duration: Duration) {}
}

impl BlockingTransport for MissingTransport {
    fn send(&self, _request: &Request) -> Result<Response, TransportError> {
        Err(self.error())
    }
}

/// The transport async clients use unless given another.
#[cfg(feature = "http")]
pub type DefaultTransport = super::ReqwestTransport;
/// The transport async clients use unless given another.
#[cfg(not(feature = "http"))]
pub type DefaultTransport = MissingTransport;

/// The transport blocking clients use unless given another.
#[cfg(feature = "blocking")]
pub type DefaultBlockingTransport = super::ReqwestBlockingTransport;
/// The transport blocking clients use unless given another.
#[cfg(not(feature = "blocking"))]
pub type DefaultBlockingTransport = MissingTransport;

/// Makes the default transport of a client built without one.
pub trait NewTransport {
    /// A transport with default settings.
    fn new_transport() -> Self;
}

impl NewTransport for MissingTransport {
    fn new_transport() -> Self {
        if cfg!(feature = "http") {
            MissingTransport("blocking")
        } else {
            MissingTransport("http")
        }
    }
}
