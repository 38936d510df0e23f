//! How a client authenticates: the declared [`AuthKind`], the credentials its builder was
//! given, and the header or query parameter they become. The only module that exposes a
//! [`Secret`].

use http::{HeaderName, HeaderValue};

use super::base64;
use super::error::ApiError;
use super::secret::Secret;

/// How a client authenticates, as declared in `#[client(auth = ..)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    /// No credentials.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <user:password>`.
    Basic,
    /// The token in the named header.
    ApiKeyHeader(&'static str),
    /// The token in the named query parameter.
    ApiKeyQuery(&'static str),
}

/// The credentials given to a client's builder.
#[derive(Clone)]
pub(crate) enum Credentials {
    None,
    Token(Secret),
    Basic { user: String, password: Secret },
}

impl Credentials {
    /// What a client's `Debug` shows in place of the credentials.
    pub(crate) fn redacted(&self) -> &'static str {
        match self {
            Credentials::None => "none",
            Credentials::Token(_) => "token Secret(***)",
            Credentials::Basic { .. } => "user and password Secret(***)",
        }
    }

    /// Authenticates a request as `auth` declares: pushes the credential header onto
    /// `headers`, or returns the API-key query parameter. A missing credential is an error
    /// that names the builder method of the client `client` that sets it.
    pub(crate) fn apply(
        &self,
        auth: AuthKind,
        client: &str,
        headers: &mut Vec<(HeaderName, HeaderValue)>,
    ) -> Result<Option<(&'static str, &str)>, ApiError> {
        let missing = |what: &str, setter: &str| ApiError::InvalidConfig {
            reason: format!(
                "`{client}` authenticates with {what} but has none; set it with `{client}::builder().{setter}`"
            ),
        };
        match (auth, self) {
            (AuthKind::None, _) => {}
            (AuthKind::Bearer, Credentials::Token(token)) => {
                headers.push((
                    http::header::AUTHORIZATION,
                    sensitive(&format!("Bearer {}", token.expose()))?,
                ));
            }
            (AuthKind::Basic, Credentials::Basic { user, password }) => {
                let encoded = base64::encode(format!("{user}:{}", password.expose()).as_bytes());
                headers.push((
                    http::header::AUTHORIZATION,
                    sensitive(&format!("Basic {encoded}"))?,
                ));
            }
            (AuthKind::ApiKeyHeader(name), Credentials::Token(token)) => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    ApiError::InvalidConfig {
                        reason: format!("`{name}` is not a valid header name"),
                    }
                })?;
                headers.push((name, sensitive(token.expose())?));
            }
            (AuthKind::ApiKeyQuery(name), Credentials::Token(token)) => {
                return Ok(Some((name, token.expose())));
            }
            (AuthKind::Basic, _) => {
                return Err(missing(
                    "a user and password",
                    "basic_auth(user, Secret::new(..))",
                ));
            }
            (_, _) => return Err(missing("a token", "token(Secret::new(..))")),
        }
        Ok(None)
    }
}

/// A credential as a header value that HTTP libraries and their logs treat as secret.
fn sensitive(value: &str) -> Result<HeaderValue, ApiError> {
    let mut value = HeaderValue::try_from(value).map_err(|_| ApiError::InvalidConfig {
        reason: "a credential contains CR, LF or another character not allowed in a header"
            .to_owned(),
    })?;
    value.set_sensitive(true);
    Ok(value)
}
