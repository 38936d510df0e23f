//! `Value` and serde (feature `serde`): `Value` is `Serialize + Deserialize`, and any serde
//! type crosses into and out of a `Value` with [`Value::from_serde`] and [`Value::to_serde`].

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};

use super::value::Value;

/// A value that serde could not carry across: an opaque handle, an integer out of `i64`'s
/// range, or data that does not match the target type.
// The `cfg` of `mod serde` again, here and on `impl Value`: a crate that re-exports these
// items (the facade) shows readers only an item's own `cfg`.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerdeError(String);

impl fmt::Display for SerdeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerdeError {}

#[cfg(feature = "serde")] // see `SerdeError`
impl Value {
    /// `value` as a `Value`, through its `Serialize` impl: structs and maps become maps,
    /// sequences and tuples lists, `None` and `()` [`Value::Unit`]. A `Data` struct with
    /// `#[derive(Serialize)]` crosses this way.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use modsmith_runtime::dynamic::Value;
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    /// struct Point { x: i64, y: i64 }
    ///
    /// let value = Value::from_serde(&Point { x: 1, y: 2 }).unwrap();
    /// assert_eq!(value.get("x"), Some(&Value::Int(1)));
    /// assert_eq!(value.to_serde::<Point>().unwrap(), Point { x: 1, y: 2 });
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// When `Serialize` fails, or yields an integer outside `i64`'s range.
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_serde<T: Serialize + ?Sized>(value: &T) -> Result<Value, SerdeError> {
        // Through serde_json's value: one well-tested serializer instead of a second one here.
        let json = serde_json::to_value(value).map_err(|error| SerdeError(error.to_string()))?;
        from_json(json)
    }

    /// The value as a `T`, through its `Deserialize` impl.
    ///
    /// # Errors
    ///
    /// When the value does not match `T` (serde's message says where), or holds an opaque
    /// handle. Bytes are read as a list of numbers.
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn to_serde<T: de::DeserializeOwned>(&self) -> Result<T, SerdeError> {
        let json = serde_json::to_value(self).map_err(|error| SerdeError(error.to_string()))?;
        serde_json::from_value(json).map_err(|error| SerdeError(error.to_string()))
    }
}

fn from_json(json: serde_json::Value) -> Result<Value, SerdeError> {
    Ok(match json {
        serde_json::Value::Null => Value::Unit,
        serde_json::Value::Bool(value) => Value::Bool(value),
        serde_json::Value::Number(number) => {
            if let Some(int) = number.as_i64() {
                Value::Int(int)
            } else if number.is_u64() {
                return Err(SerdeError(format!("{number} does not fit in an `i64`")));
            } else {
                Value::Float(number.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(text) => Value::Str(Arc::from(text)),
        serde_json::Value::Array(items) => Value::List(Arc::new(
            items.into_iter().map(from_json).collect::<Result<_, _>>()?,
        )),
        serde_json::Value::Object(entries) => Value::Map(Arc::new(
            entries
                .into_iter()
                .map(|(key, value)| Ok((Arc::from(key), from_json(value)?)))
                .collect::<Result<_, SerdeError>>()?,
        )),
    })
}

/// Unit as unit (`null` in JSON), bytes as bytes, lists as sequences, maps as maps; an
/// opaque handle is an error.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Unit => serializer.serialize_unit(),
            Value::Bool(value) => serializer.serialize_bool(*value),
            Value::Int(value) => serializer.serialize_i64(*value),
            Value::Float(value) => serializer.serialize_f64(*value),
            Value::Str(text) => serializer.serialize_str(text),
            Value::Bytes(bytes) => serializer.serialize_bytes(bytes),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries.iter() {
                    map.serialize_entry(&**key, value)?;
                }
                map.end()
            }
            Value::Opaque(opaque) => Err(S::Error::custom(format_args!(
                "an opaque `{}` cannot be serialized; convert it into a value first",
                opaque.type_name()
            ))),
        }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Unit)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Unit)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Int(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        i64::try_from(value)
            .map(Value::Int)
            .map_err(|_| E::custom(format_args!("{value} does not fit in an `i64`")))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        i64::try_from(value)
            .map(Value::Int)
            .map_err(|_| E::custom(format_args!("{value} does not fit in an `i64`")))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        i64::try_from(value)
            .map(Value::Int)
            .map_err(|_| E::custom(format_args!("{value} does not fit in an `i64`")))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_bytes<E>(self, value: &[u8]) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(Arc::new(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            entries.insert(Arc::from(key), value);
        }
        Ok(Value::Map(Arc::new(entries)))
    }
}
