//! The values of the language as Rust holds them: what the reference interpreter computes
//! with, what the VM takes and gives at its edge, and what constants evaluate to.

use std::collections::BTreeMap;

/// A value of the language: plain owned data, compared by value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An `int`.
    Int(i64),
    /// A `float`.
    Float(f64),
    /// A `bool`.
    Bool(bool),
    /// A `str`.
    Str(String),
    /// A `list[T]`.
    List(Vec<Value>),
    /// A `map[str, T]`, in key order.
    Map(BTreeMap<String, Value>),
    /// An `option[T]`.
    Option(Option<Box<Value>>),
    /// A record's fields, in the record's order.
    Record(Vec<Value>),
    /// What a function without a result gives.
    Unit,
}
