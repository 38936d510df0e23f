//! Sending a [`Call`]: it becomes a [`Request`], goes through the transport as many times as
//! the endpoint's retry policy allows, and its answer is decoded, all inside the request's
//! telemetry span.

use std::time::Duration;

use super::call::Call;
use super::endpoint::Endpoint;
use super::error::{ApiError, TransportError};
use super::request::Request;
use super::response::Response;
use super::retry::{RetryPolicy, is_retryable, retry_after};
use super::telemetry::Telemetry;
use super::transport::{BlockingTransport, Transport};

/// The methods generated code ends a call with: send it, then decode the body, ignore it, or
/// return the response.
impl Call<'_> {
    /// Sends the call through an async transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    pub async fn json<T: Transport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        JsonCall::new(self).send(transport).await
    }

    /// Sends the call through an async transport and ignores the body.
    pub async fn empty<T: Transport + ?Sized>(self, transport: &T) -> Result<(), ApiError> {
        send(transport, self).await.map(drop)
    }

    /// Sends the call through an async transport and returns the response.
    pub async fn raw<T: Transport + ?Sized>(self, transport: &T) -> Result<Response, ApiError> {
        send(transport, self).await
    }

    /// Sends the call through a blocking transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    pub fn json_blocking<T: BlockingTransport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        JsonCall::new(self).send_blocking(transport)
    }

    /// Sends the call through a blocking transport and ignores the body.
    pub fn empty_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<(), ApiError> {
        send_blocking(transport, self).map(drop)
    }

    /// Sends the call through a blocking transport and returns the response.
    pub fn raw_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<Response, ApiError> {
        send_blocking(transport, self)
    }
}

/// A call whose JSON answer is decoded into `R`. Only making one needs `R: Deserialize`
/// (generated code makes it with `bounds::json::<R>`); sending it needs no bound on `R`, so a
/// return type without `Deserialize` is reported once, where it is made, for both the async
/// and the blocking client.
#[cfg(feature = "serde")]
#[derive(Debug)]
pub struct JsonCall<'c, R> {
    call: Call<'c>,
    decode: fn(&[u8]) -> Result<R, serde_json::Error>,
}

#[cfg(feature = "serde")]
impl<'c, R: serde::de::DeserializeOwned> JsonCall<'c, R> {
    /// `call`, to be answered with a JSON body decoded into `R`.
    pub(crate) fn new(call: Call<'c>) -> Self {
        JsonCall {
            call,
            decode: |body| serde_json::from_slice(body),
        }
    }
}

#[cfg(feature = "serde")]
impl<R> JsonCall<'_, R> {
    /// Sends the call through an async transport and decodes the JSON body.
    pub async fn send<T: Transport + ?Sized>(self, transport: &T) -> Result<R, ApiError> {
        let endpoint = self.call.endpoint();
        decode_json(endpoint, send(transport, self.call).await, self.decode)
    }

    /// Sends the call through a blocking transport and decodes the JSON body.
    pub fn send_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        let endpoint = self.call.endpoint();
        decode_json(endpoint, send_blocking(transport, self.call), self.decode)
    }
}

/// A request ready to send, and what deciding about its attempts needs.
struct Prepared {
    request: Request,
    endpoint: &'static Endpoint,
    retry: RetryPolicy,
}

/// The call as a request. A problem with an argument or the credentials ends it here, before
/// anything is sent or traced.
fn prepare(call: Call<'_>) -> Result<Prepared, ApiError> {
    let (endpoint, retry) = (call.endpoint(), call.core().retry_policy());
    Ok(Prepared {
        request: call.into_request()?,
        endpoint,
        retry,
    })
}

/// After an attempt: done, or wait and try again.
enum Next {
    Done(Result<Response, ApiError>),
    RetryAfter(Duration),
}

impl Prepared {
    fn next(&self, retries_done: u32, outcome: Result<Response, TransportError>) -> Next {
        let (method, route) = (self.endpoint.method(), self.endpoint.route());
        let may_retry = self.endpoint.is_retry_safe() && retries_done < self.retry.max_retries;
        match outcome {
            Ok(response) if response.is_success() => Next::Done(Ok(response)),
            Ok(response) => {
                if may_retry && is_retryable(&Ok(response.status())) {
                    return Next::RetryAfter(
                        self.retry
                            .delay(retries_done, retry_after(response.headers())),
                    );
                }
                Next::Done(Err(ApiError::Status {
                    status: response.status(),
                    method,
                    route,
                    body_excerpt: response.excerpt(),
                }))
            }
            Err(error) => {
                if may_retry && is_retryable(&Err(&error)) {
                    return Next::RetryAfter(self.retry.delay(retries_done, None));
                }
                Next::Done(Err(error.into_api_error(
                    method,
                    route,
                    self.request.max_body_bytes,
                )))
            }
        }
    }
}

/// Sends a call through an async transport, retrying as the endpoint allows, inside a
/// `tracing` span with the method, route template, status, attempts and latency (never
/// header values, query values or the URL).
async fn send<T: Transport + ?Sized>(transport: &T, call: Call<'_>) -> Result<Response, ApiError> {
    let prepared = prepare(call)?;
    let telemetry = Telemetry::start(prepared.request.method, prepared.request.route);
    let attempts = async {
        let mut retries_done = 0;
        loop {
            let outcome = transport.send(&prepared.request).await;
            match prepared.next(retries_done, outcome) {
                Next::Done(result) => return (result, retries_done + 1),
                Next::RetryAfter(delay) => {
                    Telemetry::retrying(retries_done + 1, delay);
                    transport.sleep(delay).await;
                    retries_done += 1;
                }
            }
        }
    };
    let (result, attempts) = telemetry.instrument(attempts).await;
    telemetry.finish(&result, attempts);
    result
}

/// [`send`] for blocking transports.
fn send_blocking<T: BlockingTransport + ?Sized>(
    transport: &T,
    call: Call<'_>,
) -> Result<Response, ApiError> {
    let prepared = prepare(call)?;
    let telemetry = Telemetry::start(prepared.request.method, prepared.request.route);
    let (result, attempts) = telemetry.in_scope(|| {
        let mut retries_done = 0;
        loop {
            let outcome = transport.send(&prepared.request);
            match prepared.next(retries_done, outcome) {
                Next::Done(result) => return (result, retries_done + 1),
                Next::RetryAfter(delay) => {
                    Telemetry::retrying(retries_done + 1, delay);
                    transport.sleep(delay);
                    retries_done += 1;
                }
            }
        }
    });
    telemetry.finish(&result, attempts);
    result
}

/// Decodes a JSON success body with `decode`.
#[cfg(feature = "serde")]
fn decode_json<R>(
    endpoint: &'static Endpoint,
    result: Result<Response, ApiError>,
    decode: fn(&[u8]) -> Result<R, serde_json::Error>,
) -> Result<R, ApiError> {
    let response = result?;
    decode(response.body()).map_err(|error| ApiError::Decode {
        method: endpoint.method(),
        route: endpoint.route(),
        message: error.to_string(),
        body_excerpt: response.excerpt(),
    })
}
