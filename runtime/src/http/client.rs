//! The parts of a generated client that are the same for every client: its settings, its
//! builder, and sending a request with retries and tracing. Generated methods only fill in
//! a [`Call`] and send it with one of its `json`, `empty` or `raw` methods.

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use http::{HeaderName, HeaderValue};

use super::credentials::{AuthKind, Credentials};
use super::endpoint::{Endpoint, Method};
use super::error::{ApiError, TransportError};
use super::request::{Call, Request};
use super::response::Response;
use super::retry::{RetryPolicy, is_retryable, retry_after};
use super::secret::Secret;
use super::transport::{BlockingTransport, NewTransport, Transport};

/// The default limit on response bodies: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// What `api_client!` declared for one client, checked at compile time.
#[derive(Debug)]
pub struct ClientConfig {
    /// The client's name, for messages.
    pub name: &'static str,
    /// The base URL requests go to unless the builder sets another.
    pub base_url: &'static str,
    /// How requests authenticate.
    pub auth: AuthKind,
    /// The timeout of one attempt, if any.
    pub timeout: Option<Duration>,
    /// Retries of retry-safe requests.
    pub retries: u32,
    /// Headers sent with every request.
    pub headers: &'static [(&'static str, &'static str)],
}

/// A client's settings at run time: the declared ones, as changed by the builder.
#[derive(Clone)]
pub struct ClientCore {
    name: &'static str,
    pub(crate) base_url: String,
    auth: AuthKind,
    credentials: Credentials,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    max_body_bytes: usize,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ClientCore {
    /// The declared settings.
    pub fn new(config: &'static ClientConfig) -> Self {
        ClientCore {
            name: config.name,
            base_url: config.base_url.to_owned(),
            auth: config.auth,
            credentials: Credentials::None,
            timeout: config.timeout,
            retry: RetryPolicy::new(config.retries),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            headers: config
                .headers
                .iter()
                .filter_map(|(name, value)| {
                    // Checked by the macro; a failure here would only drop the header.
                    Some((
                        HeaderName::from_bytes(name.as_bytes()).ok()?,
                        HeaderValue::from_static(value),
                    ))
                })
                .collect(),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.name)
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("credentials", &self.credentials.redacted())
            .field("timeout", &self.timeout)
            .field("retries", &self.retry.max_retries)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// Implemented by generated clients, so that one runtime builder serves them all.
pub trait Client: Sized {
    /// The transport this client sends through.
    type Transport;
    /// The same client over another transport.
    type With<U>: Client<Transport = U>;
    /// The client's declared settings.
    const CONFIG: &'static ClientConfig;
    /// Assembles a client.
    fn from_parts(core: ClientCore, transport: Self::Transport) -> Self;
}

/// Builds a generated client: `PetStore::builder().base_url(..).token(..).build()`.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct ClientBuilder<C> {
    core: ClientCore,
    client: PhantomData<fn() -> C>,
}

impl<C: Client> ClientBuilder<C> {
    /// Starts from the declared settings.
    pub fn new() -> Self {
        ClientBuilder {
            core: ClientCore::new(C::CONFIG),
            client: PhantomData,
        }
    }

    /// Sends requests to `url` instead of the declared base URL.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.core.base_url = url.into();
        self
    }

    /// The token for `bearer` or `api_key` authentication.
    pub fn token(mut self, token: Secret) -> Self {
        self.core.credentials = Credentials::Token(token);
        self
    }

    /// The user and password for `basic` authentication.
    pub fn basic_auth(mut self, user: impl Into<String>, password: Secret) -> Self {
        self.core.credentials = Credentials::Basic {
            user: user.into(),
            password,
        };
        self
    }

    /// The timeout of one attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core.timeout = Some(timeout);
        self
    }

    /// Retries of retry-safe requests.
    pub fn retries(mut self, retries: u32) -> Self {
        self.core.retry.max_retries = retries;
        self
    }

    /// The retry policy as a whole.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.core.retry = policy;
        self
    }

    /// The largest response body read; a larger one fails with [`ApiError::BodyTooLarge`].
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.core.max_body_bytes = limit;
        self
    }

    /// The client, with its default transport.
    pub fn build(self) -> C
    where
        C::Transport: NewTransport,
    {
        C::from_parts(self.core, C::Transport::new_transport())
    }

    /// The client, sending through `transport`.
    pub fn build_with<U>(self, transport: U) -> C::With<U> {
        <C::With<U> as Client>::from_parts(self.core, transport)
    }
}

impl<C: Client> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

/// A request ready to send, and what deciding about its attempts needs.
struct Prepared {
    request: Request,
    endpoint: &'static Endpoint,
    retry: RetryPolicy,
    max_body_bytes: usize,
}

fn prepare(call: Call<'_>) -> Result<Prepared, ApiError> {
    if let Some(problem) = call.problem {
        return Err(problem);
    }
    let core = call.core;
    // Sized once: static headers, the call's own, and one for credentials.
    let mut headers = Vec::with_capacity(core.headers.len() + call.headers.len() + 1);
    headers.extend(core.headers.iter().cloned());
    headers.extend(call.headers.iter().cloned());
    let api_key_query = core.credentials.apply(core.auth, core.name, &mut headers)?;
    let url = call.url(api_key_query);
    Ok(Prepared {
        request: Request {
            method: call.endpoint.method(),
            url,
            route: call.endpoint.route(),
            headers,
            body: call.body,
            timeout: core.timeout,
            max_body_bytes: core.max_body_bytes,
        },
        endpoint: call.endpoint,
        retry: core.retry,
        max_body_bytes: core.max_body_bytes,
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
                    self.max_body_bytes,
                )))
            }
        }
    }
}

/// Sends a call through an async transport, retrying as the endpoint allows, inside a
/// `tracing` span with the method, route template, status, attempts and latency (never
/// header values, query values or the URL).
pub(crate) async fn send<T: Transport + ?Sized>(
    transport: &T,
    call: Call<'_>,
) -> Result<Response, ApiError> {
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
pub(crate) fn send_blocking<T: BlockingTransport + ?Sized>(
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

/// Decodes a JSON success body.
#[cfg(feature = "serde")]
pub(crate) fn decode_json<R: serde::de::DeserializeOwned>(
    endpoint: &'static Endpoint,
    result: Result<Response, ApiError>,
) -> Result<R, ApiError> {
    let response = result?;
    serde_json::from_slice(response.body()).map_err(|error| ApiError::Decode {
        method: endpoint.method(),
        route: endpoint.route(),
        message: error.to_string(),
        body_excerpt: response.excerpt(),
    })
}

/// The span of one request, when the `tracing` feature is on; nothing otherwise.
struct Telemetry {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    /// Read only when a subscriber records the span: two clock reads are a measurable part
    /// of a call that goes nowhere near a network (a mock transport).
    started: Option<Instant>,
}

impl Telemetry {
    fn start(method: Method, route: &'static str) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                "http.request",
                method = method.as_str(),
                route,
                status = tracing::field::Empty,
                attempts = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let started = (!span.is_disabled()).then(Instant::now);
            Telemetry { span, started }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (method, route);
            Telemetry { started: None }
        }
    }

    async fn instrument<F: std::future::Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            future.instrument(self.span.clone()).await
        }
        #[cfg(not(feature = "tracing"))]
        {
            future.await
        }
    }

    fn in_scope<R>(&self, work: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        {
            self.span.in_scope(work)
        }
        #[cfg(not(feature = "tracing"))]
        {
            work()
        }
    }

    fn retrying(attempt: u32, delay: Duration) {
        #[cfg(feature = "tracing")]
        tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
        #[cfg(not(feature = "tracing"))]
        let _ = (attempt, delay);
    }

    fn finish(&self, result: &Result<Response, ApiError>, attempts: u32) {
        let Some(started) = self.started else { return };
        let latency = started.elapsed();
        #[cfg(feature = "tracing")]
        {
            let status = match result {
                Ok(response) => Some(response.status()),
                Err(error) => error.status(),
            };
            if let Some(status) = status {
                self.span.record("status", status);
            }
            self.span.record("attempts", attempts);
            self.span
                .record("latency_ms", latency.as_secs_f64() * 1000.0);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (result, attempts, latency);
    }
}
