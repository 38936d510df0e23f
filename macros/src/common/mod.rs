//! Machinery shared by every modsmith macro.

pub mod crate_path;
pub mod derive_input;
pub mod docs;
pub mod elided;
pub mod entry;
pub mod errors;
pub mod items;
pub mod keywords;
pub mod members;
pub mod options;
pub mod recover;
pub mod respan;
pub mod selector;
pub mod shallow;
pub mod signature;
pub mod source_text;
pub mod suggest;
pub mod type_shape;
pub mod warning;
