//! What a generated client sends requests through.

use std::future::Future;
use std::time::Duration;

use super::error::TransportError;
use super::request::Request;
use super::response::Response;

/// Sends requests for async clients. Implement it to put a generated client on another
/// HTTP stack; `ReqwestTransport` (feature `http`) and [`MockTransport`](super::MockTransport)
/// come with modsmith.
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

/// Makes the default transport of a client built without one.
pub trait NewTransport {
    /// A transport with default settings.
    fn new_transport() -> Self;
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(
        &self,
        request: &Request,
    ) -> impl Future<Output = Result<Response, TransportError>> + Send {
        (**self).send(request)
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        (**self).sleep(duration)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for &T {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }

    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration)
    }
}
