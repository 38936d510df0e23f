//! Which transport a client gets when it is built without one: the reqwest transports when
//! their features are on, otherwise [`MissingTransport`], which explains what to enable.

use std::time::Duration;

use super::error::TransportError;
use super::request::Request;
use super::response::Response;
use super::transport::{BlockingTransport, NewTransport, Transport};

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

impl NewTransport for MissingTransport {
    fn new_transport() -> Self {
        if cfg!(feature = "http") {
            MissingTransport("blocking")
        } else {
            MissingTransport("http")
        }
    }
}

/// The transport async clients use unless given another.
#[cfg(feature = "http")]
pub type DefaultTransport = super::reqwest_transport::ReqwestTransport;
/// The transport async clients use unless given another.
#[cfg(not(feature = "http"))]
pub type DefaultTransport = MissingTransport;

/// The transport blocking clients use unless given another.
#[cfg(feature = "blocking")]
pub type DefaultBlockingTransport = super::reqwest_transport::ReqwestBlockingTransport;
/// The transport blocking clients use unless given another.
#[cfg(not(feature = "blocking"))]
pub type DefaultBlockingTransport = MissingTransport;
