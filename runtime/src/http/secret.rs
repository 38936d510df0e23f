//! Tokens and passwords that must never be printed.

use std::fmt;

/// A token or password. `Debug` and `Display` print `Secret(***)`, so a secret cannot leak
/// through a log line, a panic message or the `Debug` output of a client that holds it;
/// headers built from it are marked sensitive.
///
/// ```
/// use modsmith_runtime::http::Secret;
///
/// let token = Secret::new("s3cr3t");
/// assert_eq!(format!("{token:?} {token}"), "Secret(***) Secret(***)");
/// assert_eq!(token.expose(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into_boxed_str())
    }

    /// The value itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}
