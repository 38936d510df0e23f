//! Responses as transports hand them back.

use http::HeaderMap;

/// A complete response: status, headers and the body, read up to the client's limit.
#[derive(Debug, Clone)]
pub struct Response {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Response {
    /// A response, as a transport builds it.
    pub fn new(status: u16, headers: HeaderMap, body: Vec<u8>) -> Self {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the status is in 200–299.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The start of the body, for error messages: at most 200 characters.
    pub fn excerpt(&self) -> String {
        const MAX: usize = 200;
        let text = String::from_utf8_lossy(&self.body);
        let mut excerpt: String = text.chars().take(MAX).collect();
        if text.chars().nth(MAX).is_some() {
            excerpt.push('…');
        }
        excerpt
    }
}
