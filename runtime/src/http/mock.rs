//! A transport that answers from a script, for testing code that uses a generated client.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use http::HeaderMap;

use super::endpoint::Method;
use super::error::TransportError;
use super::request::Request;
use super::response::Response;
use super::transport::{BlockingTransport, Transport};

/// Answers requests with replies queued per route, records every request, and skips the
/// waits between retries (recording them instead). Works for async and blocking clients.
///
/// Replies to one route are given in order; the last one repeats.
///
/// ```
/// use modsmith_runtime::http::{Method, MockTransport};
///
/// let mock = MockTransport::new();
/// mock.reply(Method::Get, "/pets/{id}", 200, r#"{"id":7}"#);
/// assert!(mock.requests().is_empty());
/// ```
#[derive(Debug, Default)]
pub struct MockTransport {
    state: Mutex<MockState>,
}

#[derive(Debug, Default)]
struct MockState {
    routes: Vec<MockRoute>,
    requests: Vec<Request>,
    sleeps: Vec<Duration>,
}

#[derive(Debug)]
struct MockRoute {
    method: Method,
    route: &'static str,
    replies: VecDeque<Reply>,
}

#[derive(Debug, Clone)]
enum Reply {
    Respond(Response),
    RefuseConnection,
    TimeOut,
}

impl MockTransport {
    /// A transport with no replies queued.
    pub fn new() -> Self {
        MockTransport::default()
    }

    fn state(&self) -> MutexGuard<'_, MockState> {
        // A panic elsewhere while holding the lock leaves the script usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, method: Method, route: &'static str, reply: Reply) -> &Self {
        let mut state = self.state();
        match state
            .routes
            .iter_mut()
            .find(|queued| queued.method == method && queued.route == route)
        {
            Some(queued) => queued.replies.push_back(reply),
            None => state.routes.push(MockRoute {
                method,
                route,
                replies: VecDeque::from([reply]),
            }),
        }
        self
    }

    /// Queues a reply with `status` and `body` for requests to the route template `route`.
    pub fn reply(
        &self,
        method: Method,
        route: &'static str,
        status: u16,
        body: impl Into<Vec<u8>>,
    ) -> &Self {
        self.push(
            method,
            route,
            Reply::Respond(Response::new(status, HeaderMap::new(), body.into())),
        )
    }

    /// Queues a complete response.
    pub fn reply_with(&self, method: Method, route: &'static str, response: Response) -> &Self {
        self.push(method, route, Reply::Respond(response))
    }

    /// Queues a JSON reply.
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn reply_json(
        &self,
        method: Method,
        route: &'static str,
        status: u16,
        body: &impl serde::Serialize,
    ) -> &Self {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        self.reply(method, route, status, bytes)
    }

    /// Queues a connection failure.
    pub fn refuse_connection(&self, method: Method, route: &'static str) -> &Self {
        self.push(method, route, Reply::RefuseConnection)
    }

    /// Queues a timeout.
    pub fn time_out(&self, method: Method, route: &'static str) -> &Self {
        self.push(method, route, Reply::TimeOut)
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.state().requests.clone()
    }

    /// Every wait the client asked for between retries, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    fn answer(&self, request: &Request) -> Result<Response, TransportError> {
        let mut state = self.state();
        let (method, route, limit) = (request.method, request.route, request.max_body_bytes);
        state.requests.push(request.clone());
        let reply = state
            .routes
            .iter_mut()
            .find(|queued| queued.method == method && queued.route == route)
            .and_then(|queued| {
                if queued.replies.len() > 1 {
                    queued.replies.pop_front()
                } else {
                    queued.replies.front().cloned()
                }
            });
        match reply {
            Some(Reply::Respond(response)) if response.body().len() > limit => {
                Err(TransportError::BodyTooLarge)
            }
            Some(Reply::Respond(response)) => Ok(response),
            Some(Reply::RefuseConnection) => Err(TransportError::Connect(
                "connection refused (MockTransport)".to_owned(),
            )),
            Some(Reply::TimeOut) => Err(TransportError::Timeout),
            None => Err(TransportError::Other(format!(
                "MockTransport has no reply for {method} {route}; queue one with `.reply({method:?}, {route:?}, ..)`"
            ))),
        }
    }
}

impl Transport for MockTransport {
    async fn send(&self, request: &Request) -> Result<Response, TransportError> {
        self.answer(request)
    }

    async fn sleep(&self, duration: Duration) {
        self.state().sleeps.push(duration);
    }
}

impl BlockingTransport for MockTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        self.answer(request)
    }

    fn sleep(&self, duration: Duration) {
        self.state().sleeps.push(duration);
    }
}
