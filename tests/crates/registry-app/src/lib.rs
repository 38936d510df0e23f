//! An application's own models, next to those of `modsmith-test-registry-models`: an
//! edition-2024 crate that forbids unsafe code.

#![forbid(unsafe_code)]

use modsmith::Model;
use modsmith_test_registry_models::Storage;

/// The application's customer: the models crate has a `Customer` too.
#[derive(Model, Debug)]
pub struct Customer {
    pub name: String,
}

/// A storage in memory, registered under the models crate's kind.
#[derive(Model)]
#[model(kind = dyn Storage)]
pub struct Memory {
    pub capacity: i64,
}

impl Storage for Memory {
    fn location(&self) -> String {
        format!("memory ({} bytes)", self.capacity)
    }
}
