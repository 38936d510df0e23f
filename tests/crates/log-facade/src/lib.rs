//! A crate that uses the `log` facade and instruments a module with `#[modsmith::instrument]`.
//! Its own crate, because tracing's `log` feature must be on for it and off for the other
//! tests and benches (features are unified within a package's build).

/// Instrumented functions whose spans should reach a `log` logger.
#[modsmith::instrument(level = "debug")]
pub mod orders {
    /// Places an order.
    pub fn place(item: &str, quantity: u32, token: &str) -> usize {
        item.len() * quantity as usize + token.len()
    }
}
