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

/// The transport async clients use unless given another: `ReqwestTransport` with the
/// feature `http`, [`MissingTransport`] without.
pub type DefaultTransport = AsyncDefault;

/// The transport blocking clients use unless given another: `ReqwestBlockingTransport` with
/// the feature `blocking`, [`MissingTransport`] without.
pub type DefaultBlockingTransport = BlockingDefault;

// The public aliases carry no `cfg`, as they exist under every feature set: a `cfg` on them
// would make docs.rs (built with every feature) label them "available on crate feature
// `http` only".
#[cfg(feature = "http")]
type AsyncDefault = super::reqwest_transport::ReqwestTransport;
#[cfg(not(feature = "http"))]
type AsyncDefault = MissingTransport;
#[cfg(feature = "blocking")]
type BlockingDefault = super::reqwest_transport::ReqwestBlockingTransport;
#[cfg(not(feature = "blocking"))]
type BlockingDefault = MissingTransport;
