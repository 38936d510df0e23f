//! The rules [modsmith](https://docs.rs/modsmith) applies both at compile time, in its
//! macros, and at run time, in its runtime, written once so the two can never disagree:
//! - [`redact`]: which names are secrets (`#[instrument]` and `DynModule::wrap`);
//! - [`compose`]: how a composition of modules resolves the names its sources share
//!   (`compose!` and `DynModule::compose`).
//!
//! It depends on nothing, so that the macros crate, which every user of modsmith compiles,
//! can use it without the runtime's dependencies.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod compose;
pub mod redact;
