//! Unit tests of the macros: expansion snapshots, no-panic property tests, and the entry
//! wrapper. They call each macro's `run` directly, so they run on stable without a
//! compiler in the loop.

mod adaptive_proptests;
mod adaptive_snapshots;
mod api_client_proptests;
mod api_client_snapshots;
mod compose_proptests;
mod compose_snapshots;
mod data_module_proptests;
mod data_module_snapshots;
mod data_proptests;
mod data_snapshots;
mod entry;
mod export_module_proptests;
mod export_module_snapshots;
mod instrument_proptests;
mod instrument_snapshots;
mod model_proptests;
#[cfg(feature = "script")]
mod script_snapshots;
mod shallow;
mod support;
mod template_proptests;
mod template_snapshots;
mod transform_proptests;
mod transform_snapshots;
