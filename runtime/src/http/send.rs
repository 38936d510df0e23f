//! Sending a [`Call`]: it becomes a [`Request`], goes through the transport as many times as
//! the endpoint's retry policy allows, and its answer is decoded; the request's telemetry
//! span records how it ended, decoding included.

use std::time::Duration;

use super::call::Call;
use super::endpoint::Endpoint;
use super::error::{ApiError, TransportError};
use super::request::Request;
use super::response::Response;
use super::retry::{RetryPolicy, is_retryable, retry_after};
use super::telemetry::Telemetry;
use super::transport::{BlockingTransport, Transport};

/// The methods a call can end with: send it, then decode the body, ignore it, or return the
/// response. Generated code ends with `Returning::send` instead, made by
/// `bounds::returning`, so that one function serves every return type.
impl Call<'_> {
    /// Sends the call through an async transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub async fn json<T: Transport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        Returning::new(self, decode_json).send(transport).await
    }

    /// Sends the call through an async transport and ignores the body.
    pub async fn empty<T: Transport + ?Sized>(self, transport: &T) -> Result<(), ApiError> {
        Returning::new(self, ignore_body).send(transport).await
    }

    /// Sends the call through an async transport and returns the response.
    pub async fn raw<T: Transport + ?Sized>(self, transport: &T) -> Result<Response, ApiError> {
        Returning::new(self, keep_response).send(transport).await
    }

    /// Sends the call through a blocking transport and decodes a JSON body.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn json_blocking<T: BlockingTransport + ?Sized, R: serde::de::DeserializeOwned>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        Returning::new(self, decode_json).send_blocking(transport)
    }

    /// Sends the call through a blocking transport and ignores the body.
    pub fn empty_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<(), ApiError> {
        Returning::new(self, ignore_body).send_blocking(transport)
    }

    /// Sends the call through a blocking transport and returns the response.
    pub fn raw_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<Response, ApiError> {
        Returning::new(self, keep_response).send_blocking(transport)
    }
}

/// How a successful response becomes what the endpoint returns.
pub(crate) type Decode<R> = fn(Response, &'static Endpoint) -> Result<R, ApiError>;

/// A call and how its answer becomes `R`. Only making one names `R`'s bound (generated code
/// makes it with `bounds::returning::<R>`); sending it needs none, so a return type without
/// its bound is reported once, where it is made, for both the async and the blocking client.
#[derive(Debug)]
pub struct Returning<'c, R> {
    call: Call<'c>,
    decode: Decode<R>,
}

impl<'c, R> Returning<'c, R> {
    /// `call`, whose successful response `decode` turns into `R`.
    pub(crate) fn new(call: Call<'c>, decode: Decode<R>) -> Self {
        Returning { call, decode }
    }

    /// Sends the call through an async transport and decodes the answer.
    pub async fn send<T: Transport + ?Sized>(self, transport: &T) -> Result<R, ApiError> {
        send(transport, self.call).await.decode(self.decode)
    }

    /// Sends the call through a blocking transport and decodes the answer.
    pub fn send_blocking<T: BlockingTransport + ?Sized>(
        self,
        transport: &T,
    ) -> Result<R, ApiError> {
        send_blocking(transport, self.call).decode(self.decode)
    }
}

/// Ignores the body of a successful response (`-> ()`).
fn ignore_body(_: Response, _: &'static Endpoint) -> Result<(), ApiError> {
    Ok(())
}

/// The successful response itself (`-> Response`).
pub(crate) fn keep_response(
    response: Response,
    _: &'static Endpoint,
) -> Result<Response, ApiError> {
    Ok(response)
}

/// Decodes a JSON body into `R`. An empty body (`204 No Content`) reads as JSON `null`, so
/// `Option<T>` and `()` accept it, and another type fails with a message naming it.
#[cfg(feature = "serde")]
pub(crate) fn decode_json<R: serde::de::DeserializeOwned>(
    response: Response,
    endpoint: &'static Endpoint,
) -> Result<R, ApiError> {
    let body = match response.body() {
        [] => b"null".as_slice(),
        body => body,
    };
    serde_json::from_slice(body).map_err(|error| ApiError::Decode {
        method: endpoint.method(),
        route: endpoint.route(),
        message: error.to_string(),
        body_excerpt: response.excerpt(),
    })
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

/// The outcome of sending a call, before it is decoded: the decoder's failure is the
/// request's failure too, so the span is finished only once the answer is decoded.
struct Sent {
    endpoint: &'static Endpoint,
    result: Result<Response, ApiError>,
    /// The request's span and how many attempts it took; `None` when nothing was sent.
    telemetry: Option<(Telemetry, u32)>,
}

impl Sent {
    /// Decodes a successful response and finishes the span with the status (when a
    /// response came) and the kind of error (when the request failed).
    fn decode<R>(self, decode: Decode<R>) -> Result<R, ApiError> {
        let status = match &self.result {
            Ok(response) => Some(response.status()),
            Err(error) => error.status(),
        };
        let output = self
            .result
            .and_then(|response| decode(response, self.endpoint));
        if let Some((telemetry, attempts)) = self.telemetry {
            telemetry.finish(status, output.as_ref().err(), attempts);
        }
        output
    }
}

/// A call that ended before anything was sent (a bad argument or missing credentials).
fn unsent(endpoint: &'static Endpoint, error: ApiError) -> Sent {
    Sent {
        endpoint,
        result: Err(error),
        telemetry: None,
    }
}

/// Sends a call through an async transport, retrying as the endpoint allows, inside a
/// `tracing` span with the method, route template, status, attempts, latency and the kind
/// of error (never header values, query values or the URL).
async fn send<T: Transport + ?Sized>(transport: &T, call: Call<'_>) -> Sent {
    let endpoint = call.endpoint();
    let prepared = match prepare(call) {
        Ok(prepared) => prepared,
        Err(error) => return unsent(endpoint, error),
    };
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
    Sent {
        endpoint,
        result,
        telemetry: Some((telemetry, attempts)),
    }
}

/// [`send`] for blocking transports.
fn send_blocking<T: BlockingTransport + ?Sized>(transport: &T, call: Call<'_>) -> Sent {
    let endpoint = call.endpoint();
    let prepared = match prepare(call) {
        Ok(prepared) => prepared,
        Err(error) => return unsent(endpoint, error),
    };
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
    Sent {
        endpoint,
        result,
        telemetry: Some((telemetry, attempts)),
    }
}
