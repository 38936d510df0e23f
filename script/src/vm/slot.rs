//! A register's value in the VM: small (16 bytes), with strings, lists, maps and records
//! behind reference counts, so that a copy is a count increment and a change copies only
//! when the value is shared (`Rc::make_mut`). Values never leave a call: at the VM's edge
//! they become [`Value`]s.
//!
//! A list of records is a [`Table`]: the records' fields in one run, row after row, so that
//! a loop over the list reads memory in order rather than following a pointer per record to
//! wherever the allocator put it. A record read out of a table is a [`Slot::Row`], a view of
//! its row (records cannot be changed, so a view is as good as a copy, and costs a count
//! increment on the table rather than on a record elsewhere in memory). Every operation
//! accepts a list of records in either form, and a record as either a `Record` or a `Row`.
//!
//! The price: a row read out of a list keeps the whole table alive, and shares it, so a
//! `push` onto that list while the row is still in a register copies the table.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::bytecode::image::{Image, TypeDef, TypeId};
use crate::value::Value;

/// A register's value.
#[derive(Clone, Debug, Default)]
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
    /// A list of records.
    Table(Rc<Table>),
    /// A record: row `.1` of a table.
    Row(Rc<Table>, u32),
}

/// A list of records, their fields row after row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    /// Fields per record.
    pub width: usize,
    /// Records (a record of no fields takes no cells).
    pub rows: usize,
    pub cells: Vec<Slot>,
}

impl Table {
    pub fn new(width: usize) -> Table {
        Table {
            width,
            rows: 0,
            cells: Vec::new(),
        }
    }

    /// The fields of record `row`.
    #[inline]
    pub fn row(&self, row: usize) -> Option<&[Slot]> {
        if row >= self.rows {
            return None;
        }
        let start = row.checked_mul(self.width)?;
        self.cells.get(start..start.checked_add(self.width)?)
    }

    /// Adds a record; `None`, adding nothing, when `fields` is not one of this table's.
    pub fn push(&mut self, fields: &[Slot]) -> Option<()> {
        if fields.len() != self.width {
            return None;
        }
        self.cells.extend_from_slice(fields);
        self.rows += 1;
        Some(())
    }

    /// The records as slots: views of their rows.
    pub fn records<'t>(self: &'t Rc<Table>) -> impl Iterator<Item = Slot> + 't {
        (0..self.rows).map(|row| Slot::row(self, row))
    }
}

// Every register and list element is a slot: a payload of one word and a tag.
const _: () = assert!(std::mem::size_of::<Slot>() == 16);

impl Slot {
    pub fn text(text: String) -> Slot {
        Slot::Str(Rc::new(text))
    }

    /// Record `row` of `table`, as a view (or, for a row past what a `u32` counts, a copy).
    pub fn row(table: &Rc<Table>, row: usize) -> Slot {
        match u32::try_from(row) {
            Ok(at) => Slot::Row(Rc::clone(table), at),
            Err(_) => Slot::Record(Rc::new(table.row(row).unwrap_or_default().to_vec())),
        }
    }

    /// A record's fields, in either form.
    #[inline]
    pub fn fields(&self) -> Option<&[Slot]> {
        match self {
            Slot::Record(fields) => Some(fields),
            Slot::Row(table, row) => table.row(*row as usize),
            _ => None,
        }
    }

    /// A list of the slots `elements`: a table when they are records of `width` fields.
    pub fn list(elements: Vec<Slot>, width: Option<usize>) -> Option<Slot> {
        let Some(width) = width else {
            return Some(Slot::List(Rc::new(elements)));
        };
        let mut table = Table::new(width);
        table.cells.reserve(elements.len().saturating_mul(width));
        for element in elements {
            match element {
                // A record made for this list: its fields move.
                Slot::Record(fields) if fields.len() == width => {
                    match Rc::try_unwrap(fields) {
                        Ok(fields) => table.cells.extend(fields),
                        Err(fields) => table.cells.extend_from_slice(&fields),
                    }
                    table.rows += 1;
                }
                element => table.push(element.fields()?)?,
            }
        }
        Some(Slot::Table(Rc::new(table)))
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
            Slot::Table(table) => Value::List(table.records().map(|row| row.to_value()).collect()),
            Slot::Row(..) => Value::Record(
                self.fields()
                    .unwrap_or_default()
                    .iter()
                    .map(Slot::to_value)
                    .collect(),
            ),
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
            Slot::Str(_)
                | Slot::List(_)
                | Slot::Map(_)
                | Slot::Option(Some(_))
                | Slot::Record(_)
                | Slot::Table(_)
                | Slot::Row(..)
        )
    }

    /// Roughly the bytes the value holds, for the memory limit.
    pub fn weight(&self) -> usize {
        const SLOT: usize = std::mem::size_of::<Slot>();
        match self {
            Slot::Str(text) => text.len(),
            Slot::List(elements) | Slot::Record(elements) => elements.len() * SLOT,
            Slot::Table(table) => table.cells.len() * SLOT,
            Slot::Map(entries) => entries.len() * (SLOT + 24),
            _ => 0,
        }
    }
}

/// Values, compared as the language compares them: a record in either form, a list of
/// records in either form.
impl PartialEq for Slot {
    fn eq(&self, other: &Slot) -> bool {
        match (self, other) {
            (Slot::Unit, Slot::Unit) => true,
            (Slot::Bool(a), Slot::Bool(b)) => a == b,
            (Slot::Int(a), Slot::Int(b)) => a == b,
            (Slot::Float(a), Slot::Float(b)) => a == b,
            (Slot::Str(a), Slot::Str(b)) => a == b,
            (Slot::List(a), Slot::List(b)) => a == b,
            (Slot::Map(a), Slot::Map(b)) => a == b,
            (Slot::Option(a), Slot::Option(b)) => a == b,
            (Slot::Table(a), Slot::Table(b)) => a.rows == b.rows && a.cells == b.cells,
            (Slot::List(list), Slot::Table(table)) | (Slot::Table(table), Slot::List(list)) => {
                list.len() == table.rows
                    && list
                        .iter()
                        .enumerate()
                        .all(|(row, element)| element.fields() == table.row(row))
            }
            _ => match (self.fields(), other.fields()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
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
        (TypeDef::List(element), Value::List(elements)) => {
            if let Some(width) = image.record_width(*element) {
                // Each record's fields go straight into the table's cells.
                let mut table = Table::new(width);
                table.cells.reserve(elements.len().saturating_mul(width));
                for (at, element_value) in elements.iter().enumerate() {
                    record_into(image, *element, element_value, depth + 1, &mut table.cells)
                        .map_err(|error| inside(error, format!("[{at}]")))?;
                    table.rows += 1;
                }
                Slot::Table(Rc::new(table))
            } else {
                Slot::List(Rc::new(
                    elements
                        .iter()
                        .enumerate()
                        .map(|(at, element_value)| {
                            from_value(image, *element, element_value, depth + 1)
                                .map_err(|error| inside(error, format!("[{at}]")))
                        })
                        .collect::<Result<_, _>>()?,
                ))
            }
        }
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
        (TypeDef::Record(_), Value::Record(fields)) => {
            let mut slots = Vec::with_capacity(fields.len());
            record_into(image, ty, value, depth, &mut slots)?;
            Slot::Record(Rc::new(slots))
        }
        _ => return Err(mismatch()),
    })
}

/// The fields of `value`, a record of type `ty`, appended to `out` as slots.
fn record_into(
    image: &Image,
    ty: TypeId,
    value: &Value,
    depth: usize,
    out: &mut Vec<Slot>,
) -> Result<(), Mismatch> {
    let mismatch = || Mismatch {
        expected: image.type_name(ty).to_string(),
        found: kind(value).to_owned(),
        path: String::new(),
    };
    let (Some(TypeDef::Record(record)), Value::Record(fields)) =
        (image.types.get(usize::from(ty)), value)
    else {
        return Err(mismatch());
    };
    let Some(definition) = image.records.get(usize::from(*record)) else {
        return Err(mismatch());
    };
    if depth > MAX_VALUE_DEPTH {
        return Err(mismatch());
    }
    if definition.fields.len() != fields.len() {
        return Err(Mismatch {
            found: format!("a record of {} fields", fields.len()),
            ..mismatch()
        });
    }
    for ((name, field_ty), field) in definition.fields.iter().zip(fields) {
        let slot = from_value(image, *field_ty, field, depth + 1).map_err(|mut error| {
            error.path = format!(".{name}{}", error.path);
            error
        })?;
        out.push(slot);
    }
    Ok(())
}
