//! Models registered from a library crate: an edition-2021 crate that forbids unsafe code,
//! as the registry's link-section entries must work in one. `registry-app` reads them.

#![forbid(unsafe_code)]

use modsmith::Model;

/// Where an exporter writes: the kind the models of both crates register under.
pub trait Storage {
    /// Where it writes.
    fn location(&self) -> String;
}

/// An order.
#[derive(Model, Debug)]
#[model(meta(table = "orders"))]
pub struct Order {
    pub number: i64,
    pub lines: Vec<String>,
}

/// A customer of the billing crate: the application defines a `Customer` too.
#[derive(Model, Debug)]
pub struct Customer {
    pub account: i64,
}

/// A storage on disk.
#[derive(Model)]
#[model(kind = dyn Storage)]
pub struct Disk {
    pub path: String,
}

impl Storage for Disk {
    fn location(&self) -> String {
        format!("file://{}", self.path)
    }
}
