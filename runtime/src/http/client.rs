//! The parts of a generated client that are the same for every client: its declared
//! configuration, its settings at run time, and the builder that changes them. Generated
//! methods fill in a [`Call`](super::Call) with these settings and send it.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::{HeaderName, HeaderValue};

use super::base_url::base_url_problem;
use super::credentials::{AuthKind, Credentials};
use super::error::ApiError;
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::transport::NewTransport;

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
    base_url: String,
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

    /// The headers sent with every request.
    pub(crate) fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }

    /// Authenticates a request as declared: pushes the credential header onto `headers`, or
    /// returns the API-key query parameter.
    pub(crate) fn authenticate(
        &self,
        headers: &mut Vec<(HeaderName, HeaderValue)>,
    ) -> Result<Option<(&'static str, &str)>, ApiError> {
        self.credentials.apply(self.auth, self.name, headers)
    }

    /// The timeout of one attempt, if any.
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// When to retry, and how long to wait in between.
    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// The largest response body read.
    pub(crate) fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
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

/// Builds a generated client: `PetStore::builder().base_url(..)?.token(..).build()`.
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
    ///
    /// The URL is checked here, as the declared one is at compile time: it must be
    /// `http://` or `https://` with a host, and end at its path. A query or a fragment is
    /// refused, since every route would land inside it. A bad URL is an
    /// [`ApiError::InvalidConfig`] that says what to pass instead, before any request.
    ///
    /// ```
    /// use modsmith_runtime::http::{ApiError, ClientBuilder, MockTransport};
    /// # use modsmith_runtime::http::{AuthKind, Client, ClientConfig, ClientCore};
    /// # // What `api_client!` generates for `Api`, reduced to what the builder needs.
    /// # static CONFIG: ClientConfig = ClientConfig {
    /// #     name: "Api", base_url: "https://api.example.com", auth: AuthKind::None,
    /// #     timeout: None, retries: 0, headers: &[],
    /// # };
    /// # struct Api<T = MockTransport>(ClientCore, T);
    /// # impl<T> Client for Api<T> {
    /// #     type Transport = T;
    /// #     type With<U> = Api<U>;
    /// #     const CONFIG: &'static ClientConfig = &CONFIG;
    /// #     fn from_parts(core: ClientCore, transport: T) -> Self { Api(core, transport) }
    /// # }
    ///
    /// let api = ClientBuilder::<Api>::new()
    ///     .base_url("http://127.0.0.1:8080/v2")?
    ///     .build_with(MockTransport::new());
    /// assert_eq!(api.0.base_url(), "http://127.0.0.1:8080/v2");
    ///
    /// let refused = ClientBuilder::<Api>::new().base_url("https://api.example.com/?page=2");
    /// assert!(matches!(refused, Err(ApiError::InvalidConfig { .. })));
    /// # Ok::<(), ApiError>(())
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Result<Self, ApiError> {
        let url = url.into();
        if let Some(reason) = base_url_problem(&url) {
            return Err(ApiError::InvalidConfig { reason });
        }
        self.core.base_url = url;
        Ok(self)
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
