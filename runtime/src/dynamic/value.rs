//! [`Value`]: what crosses the boundary of a run-time module.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A value passed to, returned from or held by a [`DynModule`](super::DynModule).
///
/// Scalars (`Unit`, `Bool`, `Int`, `Float`) are held inline: making one, passing it and
/// matching on it allocate nothing. Strings, bytes, lists and maps share their buffer, so a
/// `clone` is a reference-count increment; changing a shared list or map through
/// [`Value::as_list_mut`] or [`Value::as_map_mut`] copies it first (copy on write).
///
/// # Decisions the rest of modsmith builds on
///
/// - **One empty value.** `None`, `()` and JSON's `null` are all [`Value::Unit`], as in
///   Python (`None`) and serde_json. `Some(x)` is `x`'s value, so an `Option<Option<T>>`
///   does not keep its nesting.
/// - **Integers are `i64`.** A `u64` above `i64::MAX` (or a `u128`, `i128` or `usize` out of
///   range) is refused with [`ValueError`](super::ValueError), never wrapped; so is an `i64` that does not fit
///   the integer type it is read into.
/// - **Equality.** `Int(1)` and `Float(1.0)` differ (the types differ, as in Rust). `NaN`
///   equals nothing, itself included, as with `f64`; so `Value` is `PartialEq` only. Two
///   opaque handles are equal when they are the same handle (the same allocation), whatever
///   the value inside implements.
/// - **Maps** have string keys, kept sorted: iteration order and equality never depend on the
///   order of insertion, and the text a map prints is the same on every run.
/// - **A Rust type without a conversion** crosses as an opaque handle, [`Value::opaque`],
///   which the receiving side reads back with [`Value::downcast_ref`]. For a type that
///   should read as data, implement [`IntoValue`](super::IntoValue) and
///   [`FromValue`](super::FromValue), or go through serde
///   ([`Value::from_serde`], [`Value::to_serde`]).
#[derive(Clone, Default)]
// A whole word for the tag: each layer of a call writes a `Value` and the next reads it back
// a word at a time, and a word read of a tag written as one byte cannot be forwarded from
// the store (a stall of a dozen cycles per layer, seen in a profile of `benches/dynamic.rs`).
// The tag's unused values are still a niche: `Option<Value>` and a call's
// `Result<Value, CallError>` are 24 bytes, as `Value` is (`tests/dynamic.rs` checks).
#[repr(u64)]
pub enum Value {
    /// Nothing: `()`, `None`, `null`.
    #[default]
    Unit,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A UTF-8 string, shared.
    Str(Arc<str>),
    /// Bytes, shared.
    Bytes(Arc<[u8]>),
    /// A list, shared; changed by copy on write.
    List(Arc<Vec<Value>>),
    /// A map with string keys in sorted order, shared; changed by copy on write.
    Map(Arc<BTreeMap<Arc<str>, Value>>),
    /// A handle to any Rust value; see [`Value::opaque`].
    Opaque(Opaque),
}

/// A shared handle to a Rust value of any `'static + Send + Sync` type, with its type's
/// name for messages.
#[derive(Clone)]
pub struct Opaque(Arc<dyn OpaqueValue>);

/// What an [`Opaque`] holds: the value, and its type's name.
trait OpaqueValue: Any + Send + Sync {
    fn type_name(&self) -> &'static str;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + Send + Sync> OpaqueValue for T {
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Opaque {
    /// The held value's type name, as `std::any::type_name` gives it.
    pub fn type_name(&self) -> &'static str {
        // Through the `dyn`: the `Arc` itself is `Any` too, and would answer for itself.
        let held: &dyn OpaqueValue = &*self.0;
        held.type_name()
    }

    /// The held value, if it is a `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        let held: &dyn OpaqueValue = &*self.0;
        held.as_any().downcast_ref()
    }

    /// Whether `self` and `other` are the same handle.
    pub fn ptr_eq(&self, other: &Opaque) -> bool {
        // Compare the data pointers only: the vtable pointer of one type may differ between
        // codegen units.
        std::ptr::addr_eq(Arc::as_ptr(&self.0), Arc::as_ptr(&other.0))
    }
}

impl Value {
    /// A handle to `value`, for a Rust type that has no conversion into a `Value`. Read it
    /// back with [`Value::downcast_ref`].
    pub fn opaque<T: Any + Send + Sync>(value: T) -> Value {
        Value::Opaque(Opaque(Arc::new(value)))
    }

    /// The value held by an opaque handle, if this is one holding a `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        match self {
            Value::Opaque(opaque) => opaque.downcast_ref(),
            _ => None,
        }
    }

    /// The kind of value, as messages name it: `unit`, `bool`, `int`, `float`, `str`,
    /// `bytes`, `list`, `map`, or the Rust type name of an opaque value.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Unit => "unit",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Opaque(opaque) => opaque.type_name(),
        }
    }

    /// Whether this is [`Value::Unit`].
    pub fn is_unit(&self) -> bool {
        matches!(self, Value::Unit)
    }

    /// The boolean, if this is one.
    #[inline]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The integer, if this is one.
    #[inline]
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, if this is a float (or an integer, widened).
    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(value) => Some(*value),
            Value::Int(value) => Some(*value as f64),
            _ => None,
        }
    }

    /// The string, if this is one.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(value) => Some(value),
            _ => None,
        }
    }

    /// The bytes, if this is a byte string.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(value) => Some(value),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    pub fn as_map(&self) -> Option<&BTreeMap<Arc<str>, Value>> {
        match self {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, to change in place, if this is a list; a list shared with other values is
    /// copied first.
    pub fn as_list_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::List(items) => Some(Arc::make_mut(items)),
            _ => None,
        }
    }

    /// The entries, to change in place, if this is a map; a map shared with other values is
    /// copied first.
    pub fn as_map_mut(&mut self) -> Option<&mut BTreeMap<Arc<str>, Value>> {
        match self {
            Value::Map(entries) => Some(Arc::make_mut(entries)),
            _ => None,
        }
    }

    /// The entry `key`, if this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map()?.get(key)
    }

    /// A map from `(key, value)` pairs; a later pair replaces an earlier one of the same key.
    pub fn map<K: Into<Arc<str>>, V: Into<Value>>(
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Value {
        Value::Map(Arc::new(
            entries
                .into_iter()
                .map(|(key, value)| (key.into(), value.into()))
                .collect(),
        ))
    }

    /// A list of `items`.
    pub fn list<V: Into<Value>>(items: impl IntoIterator<Item = V>) -> Value {
        Value::List(Arc::new(items.into_iter().map(Into::into).collect()))
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Unit, Value::Unit) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            (Value::Opaque(a), Value::Opaque(b)) => a.ptr_eq(b),
            _ => false,
        }
    }
}

impl fmt::Debug for Opaque {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.type_name())
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unit => f.write_str("Unit"),
            Value::Bool(value) => f.debug_tuple("Bool").field(value).finish(),
            Value::Int(value) => f.debug_tuple("Int").field(value).finish(),
            Value::Float(value) => f.debug_tuple("Float").field(value).finish(),
            Value::Str(value) => f.debug_tuple("Str").field(value).finish(),
            Value::Bytes(value) => f.debug_tuple("Bytes").field(&ByteString(value)).finish(),
            Value::List(items) => f.debug_list().entries(items.iter()).finish(),
            Value::Map(entries) => f.debug_map().entries(entries.iter()).finish(),
            Value::Opaque(opaque) => opaque.fmt(f),
        }
    }
}

/// Bytes as `b"..."`, with escapes.
struct ByteString<'a>(&'a [u8]);

impl fmt::Debug for ByteString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for byte in self.0 {
            write!(f, "{}", byte.escape_ascii())?;
        }
        f.write_str("\"")
    }
}

/// A value as a script would write it: `()`, `true`, `42`, `1.5`, `"text"` (quoted in lists
/// and maps, bare at the top level), `b"\x00"`, `[1, 2]`, `{"a": 1}`, `<Type>`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(text) => f.write_str(text),
            other => write_nested(other, f),
        }
    }
}

fn write_nested(value: &Value, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match value {
        Value::Unit => f.write_str("()"),
        Value::Bool(value) => write!(f, "{value}"),
        Value::Int(value) => write!(f, "{value}"),
        // `{:?}` keeps the `.0` of a whole float, so `1.0` and `1` print differently.
        Value::Float(value) => write!(f, "{value:?}"),
        Value::Str(text) => write!(f, "{text:?}"),
        Value::Bytes(bytes) => write!(f, "{:?}", ByteString(bytes)),
        Value::List(items) => {
            f.write_str("[")?;
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    f.write_str(", ")?;
                }
                write_nested(item, f)?;
            }
            f.write_str("]")
        }
        Value::Map(entries) => {
            f.write_str("{")?;
            for (index, (key, item)) in entries.iter().enumerate() {
                if index > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{key:?}: ")?;
                write_nested(item, f)?;
            }
            f.write_str("}")
        }
        Value::Opaque(opaque) => write!(f, "<{}>", opaque.type_name()),
    }
}
