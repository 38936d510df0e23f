//! The `tracing` span of one request: method, route template, status, attempts, latency and
//! the kind of error, never header values, query values or the URL. Without the `tracing` feature it does
//! nothing and costs nothing.

use std::time::{Duration, Instant};

use super::endpoint::Method;
use super::error::ApiError;

/// The span of one request, when the `tracing` feature is on; nothing otherwise.
pub(crate) struct Telemetry {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    /// Read only when a subscriber records the span: two clock reads are a measurable part
    /// of a call that goes nowhere near a network (a mock transport).
    started: Option<Instant>,
}

impl Telemetry {
    pub(crate) fn start(method: Method, route: &'static str) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                "http.request",
                method = method.as_str(),
                route,
                status = tracing::field::Empty,
                error = tracing::field::Empty,
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

    pub(crate) async fn instrument<F: std::future::Future>(&self, future: F) -> F::Output {
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

    pub(crate) fn in_scope<R>(&self, work: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        {
            self.span.in_scope(work)
        }
        #[cfg(not(feature = "tracing"))]
        {
            work()
        }
    }

    pub(crate) fn retrying(attempt: u32, delay: Duration) {
        #[cfg(feature = "tracing")]
        tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
        #[cfg(not(feature = "tracing"))]
        let _ = (attempt, delay);
    }

    /// Records how the request ended: the status of the last response, if one came (a
    /// timeout or a refused connection has none), and the kind of error if it failed, so a
    /// failure is visible in the span even without a status.
    pub(crate) fn finish(&self, status: Option<u16>, error: Option<&ApiError>, attempts: u32) {
        let Some(started) = self.started else { return };
        let latency = started.elapsed();
        #[cfg(feature = "tracing")]
        {
            if let Some(status) = status {
                self.span.record("status", status);
            }
            if let Some(error) = error {
                self.span.record("error", error.kind());
            }
            self.span.record("attempts", attempts);
            self.span
                .record("latency_ms", latency.as_secs_f64() * 1000.0);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (status, error, attempts, latency);
    }
}
