//! A register's value in the VM: small (16 bytes), with strings, lists, maps and records
//! behind reference counts, so that a copy is a count increment and a change copies only
//! when the value is shared (`Rc::make_mut`). Values never leave a call: at the VM's edge
//! they become [`Value`]s.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::bytecode::image::{Image, TypeDef, TypeId};
use crate::value::Value;

/// A register's value.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Slot {
    /// Nothing, and what a register holds before it is written.
    #[default]
    Unit,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<String>),
    List(Rc<Vec<Slot>>),
    Map(Rc<BTreeMap<String, Slot>>),
    Option(Option<Rc<Slot>>),
    /// The fields in declaration order. (`Rc<[Slot]>` would save a pointer hop per field
    /// read, but its fat pointer makes every register and list element 24 bytes, not 16:
    /// measured slower.)
    Record(Rc<Vec<Slot>>),
}

// Every register and list element is a slot: a payload of one word and a tag.
const _: () = assert!(std::mem::size_of::<Slot>() == 16);

impl Slot {
    pub fn text(text: String) -> Slot {
        Slot::Str(Rc::new(text))
    }

    /// The plain value.
    pub fn to_value(&self) -> Value {
        match self {
            Slot::Unit => Value::Unit,
            Slot::Bool(b) => Value::Bool(*b),
            Slot::Int(n) => Value::Int(*n),
            Slot::Float(x) => Value::Float(*x),
            Slot::Str(text) => Value::Str(String::clone(text)),
            Slot::List(elements) => Value::List(elements.iter().map(Slot::to_value).collect()),
            Slot::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_value()))
                    .collect(),
            ),
            Slot::Option(inner) => Value::Option(inner.as_ref().map(|v| Box::new(v.to_value()))),
            Slot::Record(fields) => Value::Record(fields.iter().map(Slot::to_value).collect()),
        }
    }

    /// A plain value as a slot of type `ty`, or what in it does not fit (with the path to
    /// it: `[2].cents`).
    pub fn from_value(image: &Image, ty: TypeId, value: &Value) -> Result<Slot, Mismatch> {
        from_value(image, ty, value, 0)
    }

    /// Whether it holds a reference-counted value (a dead register holding one would keep
    /// it shared).
    #[inline]
    pub fn is_shared(&self) -> bool {
        matches!(
            self,
            Slot::Str(_) | Slot::List(_) | Slot::Map(_) | Slot::Option(Some(_)) | Slot::Record(_)
        )
    }

    /// Roughly the bytes the value holds, for the memory limit.
    pub fn weight(&self) -> usize {
        const SLOT: usize = std::mem::size_of::<Slot>();
        match self {
            Slot::Str(text) => text.len(),
            Slot::List(elements) | Slot::Record(elements) => elements.len() * SLOT,
            Slot::Map(entries) => entries.len() * (SLOT + 24),
            _ => 0,
        }
    }
}

/// Where a plain value does not fit a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The type expected there.
    pub expected: String,
    /// What was there.
    pub found: String,
    /// Where, inside the value (`[2].cents`); empty at the top.
    pub path: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected `{}`, found {}", self.expected, self.found)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        Ok(())
    }
}

/// A value's kind, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Int(_) => "an int",
        Value::Float(_) => "a float",
        Value::Bool(_) => "a bool",
        Value::Str(_) => "a str",
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Option(_) => "an option",
        Value::Record(_) => "a record",
        Value::Unit => "nothing",
    }
}

/// Deeper than this, a value is refused rather than walked (the VM's own values cannot
/// be this deep: types are finite).
const MAX_VALUE_DEPTH: usize = 64;

fn from_value(image: &Image, ty: TypeId, value: &Value, depth: usize) -> Result<Slot, Mismatch> {
    let mismatch = || Mismatch {
        expected: image.type_name(ty).to_string(),
        found: kind(value).to_owned(),
        path: String::new(),
    };
    if depth > MAX_VALUE_DEPTH {
        return Err(mismatch());
    }
    let inside = |mut error: Mismatch, step: String| {
        error.path = format!("{step}{}", error.path);
        error
    };
    let Some(def) = image.types.get(usize::from(ty)) else {
        return Err(mismatch());
    };
    Ok(match (def, value) {
        (TypeDef::Int, Value::Int(n)) => Slot::Int(*n),
        (TypeDef::Float, Value::Float(x)) => Slot::Float(*x),
        (TypeDef::Bool, Value::Bool(b)) => Slot::Bool(*b),
        (TypeDef::Str, Value::Str(text)) => Slot::text(text.clone()),
        (TypeDef::Unit, Value::Unit) => Slot::Unit,
        (TypeDef::List(element), Value::List(elements)) => Slot::List(Rc::new(
            elements
                .iter()
                .enumerate()
                .map(|(at, element_value)| {
                    from_value(image, *element, element_value, depth + 1)
                        .map_err(|error| inside(error, format!("[{at}]")))
                })
                .collect::<Result<_, _>>()?,
        )),
        (TypeDef::Map(element), Value::Map(entries)) => Slot::Map(Rc::new(
            entries
                .iter()
                .map(|(key, entry)| {
                    from_value(image, *element, entry, depth + 1)
                        .map(|slot| (key.clone(), slot))
                        .map_err(|error| inside(error, format!("[{key:?}]")))
                })
                .collect::<Result<_, _>>()?,
        )),
        (TypeDef::Option(inner), Value::Option(option)) => Slot::Option(match option {
            Some(value) => Some(Rc::new(from_value(image, *inner, value, depth + 1)?)),
            None => None,
        }),
        (TypeDef::Record(record), Value::Record(fields)) => {
            let Some(definition) = image.records.get(usize::from(*record)) else {
                return Err(mismatch());
            };
            if definition.fields.len() != fields.len() {
                return Err(Mismatch {
                    found: format!("a record of {} fields", fields.len()),
                    ..mismatch()
                });
            }
            Slot::Record(Rc::new(
                definition
                    .fields
                    .iter()
                    .zip(fields)
                    .map(|((name, field_ty), field)| {
                        from_value(image, *field_ty, field, depth + 1)
                            .map_err(|error| inside(error, format!(".{name}")))
                    })
                    .collect::<Result<_, _>>()?,
            ))
        }
        _ => return Err(mismatch()),
    })
}
