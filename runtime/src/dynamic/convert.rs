//! Conversions between Rust values and [`Value`]: [`IntoValue`] and [`FromValue`], with
//! `From`/`TryFrom` for the common types.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;

use super::value::Value;

/// A Rust value that can become a [`Value`]: the return type of a function in a
/// [`DynModule`](super::DynModule), or anything passed to one.
///
/// Fallible, because some values do not fit: a `u64` above `i64::MAX` is refused, never
/// wrapped. Implement it for your own type (usually with a map or a list), or pass the type
/// as an opaque handle with [`Value::opaque`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot become a `Value`",
    label = "this type has no conversion into `Value`",
    note = "implement `modsmith::dynamic::IntoValue` for it, or use a type that has one (`i64`, `f64`, `bool`, `String`, `Vec<T>`, `Option<T>`, maps, tuples, `Value`); a value of any type can also travel as `Value::opaque(..)`"
)]
pub trait IntoValue {
    /// The value, or why it does not fit.
    fn into_value(self) -> Result<Value, ValueError>;

    /// The value of a borrowed `self`, as a model's `get` reads a field: by default a clone,
    /// converted. A type that converts from a reference more cheaply overrides it (`String`:
    /// one allocation rather than two).
    fn to_value(&self) -> Result<Value, ValueError>
    where
        Self: Clone,
    {
        self.clone().into_value()
    }
}

/// A Rust value that can be read from a [`Value`]: the parameter type of a function in a
/// [`DynModule`](super::DynModule).
///
/// `'a` is the lifetime of the value read from: `&'a str`, `&'a [u8]` and `&'a [Value]`
/// borrow from it; other types copy or convert (a `String` or a `Vec<T>` allocates).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a `Value`",
    label = "this type has no conversion from `Value`",
    note = "implement `modsmith::dynamic::FromValue` for it, or use a type that has one (`i64`, `f64`, `bool`, `String`, `Vec<T>`, `Option<T>`, maps, tuples, `Value`); in an `#[export_module]`, `#[export(skip)]` leaves the function out"
)]
pub trait FromValue<'a>: Sized {
    /// The value as `Self`, or what was expected and found instead.
    fn from_value(value: &'a Value) -> Result<Self, ValueError>;

    /// The type as signatures and messages show it: `i64`, `&str`, `Vec<String>`.
    fn type_name() -> Cow<'static, str>;
}

/// A [`Value`] that could not be converted: what was expected, what was found, and where
/// inside a list or map. One pointer wide, so that a conversion's `Result` stays small on
/// the path that succeeds.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueError(Box<ValueErrorData>);

#[derive(Debug, Clone, PartialEq)]
struct ValueErrorData {
    expected: Cow<'static, str>,
    found: String,
    out_of_range: bool,
    /// Where inside the value, outermost first: `[2]`, `["key"]`.
    path: String,
}

impl ValueError {
    /// `expected` a value of that type, found `value`.
    #[cold]
    pub fn expected(expected: impl Into<Cow<'static, str>>, value: &Value) -> ValueError {
        ValueError(Box::new(ValueErrorData {
            expected: expected.into(),
            found: value.kind().to_owned(),
            out_of_range: false,
            path: String::new(),
        }))
    }

    /// `value` has the right kind but does not fit in `expected`.
    pub fn out_of_range(
        expected: impl Into<Cow<'static, str>>,
        value: impl fmt::Display,
    ) -> ValueError {
        ValueError(Box::new(ValueErrorData {
            expected: expected.into(),
            found: value.to_string(),
            out_of_range: true,
            path: String::new(),
        }))
    }

    /// The type that was expected.
    pub fn expected_type(&self) -> &str {
        &self.0.expected
    }

    /// The kind of value found (`str`, `int`), or the value that did not fit.
    pub fn found(&self) -> &str {
        &self.0.found
    }

    /// Where inside the converted value the error is, as `[2]["name"]`; empty at the top.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// The same error, inside item `index` of a list.
    #[must_use]
    pub fn in_item(mut self, index: usize) -> ValueError {
        self.0.path.insert_str(0, &format!("[{index}]"));
        self
    }

    /// The same error, inside entry `key` of a map (or field `key` of a record).
    #[must_use]
    pub fn in_entry(mut self, key: &str) -> ValueError {
        self.0.path.insert_str(0, &format!("[{key:?}]"));
        self
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = &*self.0;
        if !error.path.is_empty() {
            write!(f, "at {}: ", error.path)?;
        }
        if error.out_of_range {
            write!(f, "{} does not fit in `{}`", error.found, error.expected)
        } else {
            write!(f, "expected `{}`, found {}", error.expected, error.found)
        }
    }
}

impl std::error::Error for ValueError {}

// ---------------------------------------------------------------- Value itself

impl IntoValue for Value {
    #[inline]
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(self)
    }
}

impl<'a> FromValue<'a> for Value {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        Ok(value.clone())
    }

    fn type_name() -> Cow<'static, str> {
        "Value".into()
    }
}

impl<'a> FromValue<'a> for &'a Value {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        Ok(value)
    }

    fn type_name() -> Cow<'static, str> {
        "&Value".into()
    }
}

// ---------------------------------------------------------------- unit and bool

impl From<()> for Value {
    fn from((): ()) -> Value {
        Value::Unit
    }
}

impl IntoValue for () {
    #[inline]
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(Value::Unit)
    }
}

impl<'a> FromValue<'a> for () {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        match value {
            Value::Unit => Ok(()),
            other => Err(ValueError::expected("()", other)),
        }
    }

    fn type_name() -> Cow<'static, str> {
        "()".into()
    }
}

impl From<bool> for Value {
    #[inline]
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl IntoValue for bool {
    #[inline]
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(Value::Bool(self))
    }
}

impl<'a> FromValue<'a> for bool {
    #[inline]
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_bool()
            .ok_or_else(|| ValueError::expected("bool", value))
    }

    fn type_name() -> Cow<'static, str> {
        "bool".into()
    }
}

// ---------------------------------------------------------------- integers

/// Integer types that always fit in an `i64`: `From` and `IntoValue` cannot fail.
macro_rules! small_integers {
    ($($ty:ident)*) => {$(
        impl From<$ty> for Value {
            #[inline]
            fn from(value: $ty) -> Value {
                Value::Int(i64::from(value))
            }
        }

        impl IntoValue for $ty {
            #[inline]
            fn into_value(self) -> Result<Value, ValueError> {
                Ok(Value::Int(i64::from(self)))
            }
        }
    )*};
}

small_integers!(i8 i16 i32 i64 u8 u16 u32);

/// Integer types that may not fit in an `i64`: `TryFrom`, and `IntoValue` refuses what
/// does not fit.
macro_rules! large_integers {
    ($($ty:ident)*) => {$(
        impl TryFrom<$ty> for Value {
            type Error = ValueError;

            fn try_from(value: $ty) -> Result<Value, ValueError> {
                i64::try_from(value)
                    .map(Value::Int)
                    .map_err(|_| ValueError::out_of_range("i64", value))
            }
        }

        impl IntoValue for $ty {
            fn into_value(self) -> Result<Value, ValueError> {
                Value::try_from(self)
            }
        }
    )*};
}

large_integers!(u64 usize isize i128 u128);

/// Every integer type reads from an `Int` that fits it.
macro_rules! read_integers {
    ($($ty:ident)*) => {$(
        impl<'a> FromValue<'a> for $ty {
            #[inline]
            fn from_value(value: &'a Value) -> Result<Self, ValueError> {
                match value {
                    Value::Int(int) => {
                        $ty::try_from(*int).map_err(|_| ValueError::out_of_range(stringify!($ty), int))
                    }
                    other => Err(ValueError::expected(stringify!($ty), other)),
                }
            }

            fn type_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
        }

        impl TryFrom<Value> for $ty {
            type Error = ValueError;

            fn try_from(value: Value) -> Result<Self, ValueError> {
                <$ty as FromValue>::from_value(&value)
            }
        }
    )*};
}

read_integers!(i8 i16 i32 i64 u8 u16 u32 u64 usize isize i128 u128);

// ---------------------------------------------------------------- floats

impl From<f64> for Value {
    #[inline]
    fn from(value: f64) -> Value {
        Value::Float(value)
    }
}

impl From<f32> for Value {
    fn from(value: f32) -> Value {
        Value::Float(f64::from(value))
    }
}

impl IntoValue for f64 {
    #[inline]
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(Value::Float(self))
    }
}

impl IntoValue for f32 {
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(Value::Float(f64::from(self)))
    }
}

/// A float parameter also takes an integer, widened (as Python does): `2` is read as `2.0`.
impl<'a> FromValue<'a> for f64 {
    #[inline]
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_float()
            .ok_or_else(|| ValueError::expected("f64", value))
    }

    fn type_name() -> Cow<'static, str> {
        "f64".into()
    }
}

impl<'a> FromValue<'a> for f32 {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        // Narrowing loses precision, as `as` does; an `f32` parameter asks for that.
        value
            .as_float()
            .map(|float| float as f32)
            .ok_or_else(|| ValueError::expected("f32", value))
    }

    fn type_name() -> Cow<'static, str> {
        "f32".into()
    }
}

impl TryFrom<Value> for f64 {
    type Error = ValueError;

    fn try_from(value: Value) -> Result<Self, ValueError> {
        <f64 as FromValue>::from_value(&value)
    }
}

impl TryFrom<Value> for bool {
    type Error = ValueError;

    fn try_from(value: Value) -> Result<Self, ValueError> {
        <bool as FromValue>::from_value(&value)
    }
}

// ---------------------------------------------------------------- strings and bytes

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::Str(Arc::from(value))
    }
}

impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::Str(Arc::from(value))
    }
}

impl From<Arc<str>> for Value {
    fn from(value: Arc<str>) -> Value {
        Value::Str(value)
    }
}

impl From<char> for Value {
    fn from(value: char) -> Value {
        Value::Str(Arc::from(value.encode_utf8(&mut [0; 4]) as &str))
    }
}

impl From<&[u8]> for Value {
    fn from(value: &[u8]) -> Value {
        Value::Bytes(Arc::from(value))
    }
}

impl From<Arc<[u8]>> for Value {
    fn from(value: Arc<[u8]>) -> Value {
        Value::Bytes(value)
    }
}

/// The infallible `From` conversions, as `IntoValue`.
macro_rules! into_value_by_from {
    ($($ty:ty),*) => {$(
        impl IntoValue for $ty {
            fn into_value(self) -> Result<Value, ValueError> {
                Ok(Value::from(self))
            }
        }
    )*};
}

into_value_by_from!(&str, Arc<str>, char, &[u8], Arc<[u8]>);

impl IntoValue for String {
    fn into_value(self) -> Result<Value, ValueError> {
        Ok(Value::from(self))
    }

    fn to_value(&self) -> Result<Value, ValueError> {
        Ok(Value::from(self.as_str()))
    }
}

impl<'a> FromValue<'a> for &'a str {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_str()
            .ok_or_else(|| ValueError::expected("&str", value))
    }

    fn type_name() -> Cow<'static, str> {
        "&str".into()
    }
}

impl<'a> FromValue<'a> for String {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| ValueError::expected("String", value))
    }

    fn type_name() -> Cow<'static, str> {
        "String".into()
    }
}

impl<'a> FromValue<'a> for Arc<str> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        match value {
            Value::Str(text) => Ok(Arc::clone(text)),
            other => Err(ValueError::expected("Arc<str>", other)),
        }
    }

    fn type_name() -> Cow<'static, str> {
        "Arc<str>".into()
    }
}

impl<'a> FromValue<'a> for char {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        let text = value
            .as_str()
            .ok_or_else(|| ValueError::expected("char", value))?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(char), None) => Ok(char),
            _ => Err(ValueError::out_of_range("char", format!("{text:?}"))),
        }
    }

    fn type_name() -> Cow<'static, str> {
        "char".into()
    }
}

impl TryFrom<Value> for String {
    type Error = ValueError;

    fn try_from(value: Value) -> Result<Self, ValueError> {
        <String as FromValue>::from_value(&value)
    }
}

impl<'a> FromValue<'a> for &'a [u8] {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_bytes()
            .ok_or_else(|| ValueError::expected("&[u8]", value))
    }

    fn type_name() -> Cow<'static, str> {
        "&[u8]".into()
    }
}

impl<'a> FromValue<'a> for Arc<[u8]> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        match value {
            Value::Bytes(bytes) => Ok(Arc::clone(bytes)),
            other => Err(ValueError::expected("Arc<[u8]>", other)),
        }
    }

    fn type_name() -> Cow<'static, str> {
        "Arc<[u8]>".into()
    }
}

// ---------------------------------------------------------------- Option

/// `None` is [`Value::Unit`]; `Some(x)` is `x`'s value.
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Unit, Into::into)
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Result<Value, ValueError> {
        self.map_or(Ok(Value::Unit), IntoValue::into_value)
    }
}

/// [`Value::Unit`] reads as `None`, anything else as `Some` of what it reads as.
impl<'a, T: FromValue<'a>> FromValue<'a> for Option<T> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        match value {
            Value::Unit => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }

    fn type_name() -> Cow<'static, str> {
        format!("Option<{}>", T::type_name()).into()
    }
}

// ---------------------------------------------------------------- lists

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::list(items)
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Result<Value, ValueError> {
        // A plain loop, for the same reason as `FromValue for Vec<T>`.
        let mut items = Vec::with_capacity(self.len());
        for (index, item) in self.into_iter().enumerate() {
            match item.into_value() {
                Ok(item) => items.push(item),
                Err(error) => return Err(error.in_item(index)),
            }
        }
        Ok(Value::List(Arc::new(items)))
    }
}

impl<'a, T: FromValue<'a>> FromValue<'a> for Vec<T> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        let Some(items) = value.as_list() else {
            return Err(ValueError::expected(Self::type_name(), value));
        };
        // A plain loop: every user crate compiles this once per element type, and iterator
        // adapters would make that several times the code.
        let mut converted = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match T::from_value(item) {
                Ok(item) => converted.push(item),
                Err(error) => return Err(error.in_item(index)),
            }
        }
        Ok(converted)
    }

    fn type_name() -> Cow<'static, str> {
        format!("Vec<{}>", T::type_name()).into()
    }
}

impl<'a> FromValue<'a> for &'a [Value] {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        value
            .as_list()
            .ok_or_else(|| ValueError::expected("&[Value]", value))
    }

    fn type_name() -> Cow<'static, str> {
        "&[Value]".into()
    }
}

// ---------------------------------------------------------------- maps

impl<K: Into<Arc<str>>, V: Into<Value>> From<BTreeMap<K, V>> for Value {
    fn from(entries: BTreeMap<K, V>) -> Value {
        Value::map(entries)
    }
}

impl<K: Into<Arc<str>>, V: Into<Value>, S> From<HashMap<K, V, S>> for Value {
    fn from(entries: HashMap<K, V, S>) -> Value {
        Value::map(entries)
    }
}

/// The entries of a map converted one by one, each error naming its key.
fn map_into_value<K: Into<Arc<str>>, V: IntoValue>(
    entries: impl IntoIterator<Item = (K, V)>,
) -> Result<Value, ValueError> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        let key: Arc<str> = key.into();
        let value = value.into_value().map_err(|error| error.in_entry(&key))?;
        map.insert(key, value);
    }
    Ok(Value::Map(Arc::new(map)))
}

/// A record (a struct of named fields) as a map value, each field already converted; an
/// error names its field. What `script!`'s records convert with.
pub fn record_into_value<const N: usize>(
    fields: [(&'static str, Result<Value, ValueError>); N],
) -> Result<Value, ValueError> {
    let mut map = BTreeMap::new();
    for (name, value) in fields {
        let value = value.map_err(|error| error.in_entry(name))?;
        map.insert(Arc::from(name), value);
    }
    Ok(Value::Map(Arc::new(map)))
}

/// The field `name` of a record read from a map value: the record's type in the error when
/// the value is not a map or has no such field, the field's name when it does not convert.
pub fn record_field<'a, T: FromValue<'a>>(
    value: &'a Value,
    record: &'static str,
    name: &'static str,
) -> Result<T, ValueError> {
    let Some(entries) = value.as_map() else {
        return Err(ValueError::expected(record, value));
    };
    match entries.get(name) {
        Some(field) => T::from_value(field).map_err(|error| error.in_entry(name)),
        None => Err(ValueError::expected(
            format!("{record} (a map with the field `{name}`)"),
            value,
        )),
    }
}

impl<K: Into<Arc<str>>, V: IntoValue> IntoValue for BTreeMap<K, V> {
    fn into_value(self) -> Result<Value, ValueError> {
        map_into_value(self)
    }
}

impl<K: Into<Arc<str>>, V: IntoValue, S> IntoValue for HashMap<K, V, S> {
    fn into_value(self) -> Result<Value, ValueError> {
        map_into_value(self)
    }
}

/// The entries of a map value read one by one, each error naming its key.
fn map_from_value<'a, V: FromValue<'a>, M: Default + Extend<(String, V)>>(
    value: &'a Value,
    type_name: impl FnOnce() -> Cow<'static, str>,
) -> Result<M, ValueError> {
    let Some(entries) = value.as_map() else {
        return Err(ValueError::expected(type_name(), value));
    };
    let mut converted = M::default();
    for (key, item) in entries.iter() {
        match V::from_value(item) {
            Ok(item) => converted.extend([(key.to_string(), item)]),
            Err(error) => return Err(error.in_entry(key)),
        }
    }
    Ok(converted)
}

impl<'a, V: FromValue<'a>> FromValue<'a> for BTreeMap<String, V> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        map_from_value(value, Self::type_name)
    }

    fn type_name() -> Cow<'static, str> {
        format!("BTreeMap<String, {}>", V::type_name()).into()
    }
}

impl<'a, V: FromValue<'a>, S: BuildHasher + Default> FromValue<'a> for HashMap<String, V, S> {
    fn from_value(value: &'a Value) -> Result<Self, ValueError> {
        map_from_value(value, Self::type_name)
    }

    fn type_name() -> Cow<'static, str> {
        format!("HashMap<String, {}>", V::type_name()).into()
    }
}

// ---------------------------------------------------------------- tuples

/// Tuples are lists of their length.
macro_rules! tuples {
    ($( ($($name:ident $index:tt),+) )*) => {$(
        impl<$($name: Into<Value>),+> From<($($name,)+)> for Value {
            fn from(tuple: ($($name,)+)) -> Value {
                Value::List(Arc::new(vec![$(tuple.$index.into()),+]))
            }
        }

        impl<$($name: IntoValue),+> IntoValue for ($($name,)+) {
            fn into_value(self) -> Result<Value, ValueError> {
                Ok(Value::List(Arc::new(vec![
                    $(self.$index.into_value().map_err(|error| error.in_item($index))?),+
                ])))
            }
        }

        impl<'a, $($name: FromValue<'a>),+> FromValue<'a> for ($($name,)+) {
            fn from_value(value: &'a Value) -> Result<Self, ValueError> {
                const LEN: usize = [$($index),+].len();
                match value.as_list() {
                    Some(items) if items.len() == LEN => Ok((
                        $($name::from_value(&items[$index]).map_err(|error| error.in_item($index))?,)+
                    )),
                    _ => Err(ValueError::expected(Self::type_name(), value)),
                }
            }

            fn type_name() -> Cow<'static, str> {
                let names: Vec<Cow<'static, str>> = vec![$($name::type_name()),+];
                match names.as_slice() {
                    [one] => format!("({one},)").into(),
                    _ => format!("({})", names.join(", ")).into(),
                }
            }
        }
    )*};
}

tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}
