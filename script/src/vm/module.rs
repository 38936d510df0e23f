//! A program as a `modsmith::dynamic::DynModule` (feature `dynamic`): every `pub` function
//! callable by name with [`Value`](modsmith_runtime::dynamic::Value) arguments, its
//! signature written in the script's types, its `pub` constants as constants. Records are
//! maps of their fields, `option`s are the value or `Unit` (as `Option<T>` converts in the
//! runtime), so a program loaded from bytes and the same script compiled by `script!` take
//! and give the same values.
//!
//! A call's errors are `CallError`s; a script's run-time error or a limit reached is
//! `CallErrorKind::Failed`, with the [`VmError`] as its `source()`.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use modsmith_runtime::dynamic::{
    BuildError, DynModule, Fault, ModuleBuilder, Parameter, Signature, Value, ValueError,
};

use crate::bytecode::Program;
use crate::bytecode::image::{Constant, Image, TypeDef, TypeId};

use super::slot::Slot;
use super::{Host, HostError, Instance};

/// Why a program did not become a module.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModuleError {
    /// It declares host functions: bind them with [`Program::instance`] first, then
    /// [`Instance::into_module`].
    Host(HostError),
    /// A name the runtime refuses (possible only for bytes not written by this crate).
    Build(BuildError),
}

impl fmt::Display for ModuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModuleError::Host(error) => error.fmt(f),
            ModuleError::Build(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ModuleError {}

impl Program {
    /// The program as a `DynModule`, with the default limits, for a program that declares
    /// no host functions.
    ///
    /// ```
    /// use modsmith_runtime::dynamic::Value;
    /// use modsmith_script::Script;
    ///
    /// let module = Script::compile("module m { pub fn double(x: int) -> int { x * 2 } }")?
    ///     .into_module()?;
    /// assert_eq!(module.call("double", &[Value::Int(21)])?, Value::Int(42));
    /// assert_eq!(module.signature("double").unwrap().to_string(), "double(x: int) -> int");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ModuleError::Host`] when the program declares host functions.
    pub fn into_module(self) -> Result<DynModule, ModuleError> {
        self.instance(Host::new())
            .map_err(ModuleError::Host)?
            .into_module()
    }
}

impl Instance {
    /// The bound program as a `DynModule`: calls run with this instance's host and limits.
    ///
    /// # Errors
    ///
    /// [`ModuleError::Build`] for a name the runtime refuses (never for bytes this crate
    /// wrote).
    pub fn into_module(self) -> Result<DynModule, ModuleError> {
        let image = self.program.image();
        let mut builder = ModuleBuilder::new(image.name.as_str()).doc(image.docs.as_str());
        for named in image.named.iter().filter(|named| named.public) {
            let value = match image.constants.get(named.constant as usize) {
                Some(Constant::Int(n)) => Value::Int(*n),
                Some(Constant::Float(x)) => Value::Float(*x),
                Some(Constant::Bool(b)) => Value::Bool(*b),
                Some(Constant::Str(text)) => Value::Str(Arc::from(text.as_str())),
                None => Value::Unit,
            };
            builder = builder.constant(named.name.as_str(), value);
        }
        for (index, function) in image.functions.iter().enumerate() {
            if !function.public {
                continue;
            }
            let signature = &function.signature;
            let params = signature
                .params
                .iter()
                .map(|(name, ty)| Parameter::new(name.clone(), type_name(image, *ty)))
                .collect();
            let described = Signature::new(
                signature.name.clone(),
                params,
                type_name(image, signature.ret),
                signature.docs.clone(),
            );
            let instance = self.clone();
            builder =
                builder.function_values(described, move |args| instance.call_values(index, args));
        }
        builder.build().map_err(ModuleError::Build)
    }

    /// Function `index` called with runtime values.
    fn call_values(&self, index: usize, args: &[Value]) -> Result<Value, Fault> {
        let image = self.program.image();
        let Some(function) = image.functions.get(index) else {
            return Err(Fault::arity(args.len()));
        };
        let params = &function.signature.params;
        if args.len() != params.len() {
            return Err(Fault::arity(args.len()));
        }
        let slots = params
            .iter()
            .zip(args)
            .enumerate()
            .map(|(at, ((_, ty), arg))| {
                slot_of(image, *ty, arg, 0).map_err(|error| Fault::argument(at, error))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let result = self.run(index, slots).map_err(Fault::error)?;
        Ok(value_of(image, function.signature.ret, &result, 0))
    }
}

/// A script type as signatures show it; `()` for nothing, as the runtime writes it.
fn type_name(image: &Image, ty: TypeId) -> String {
    match image.types.get(usize::from(ty)) {
        Some(TypeDef::Unit) => "()".to_owned(),
        _ => image.type_name(ty).to_string(),
    }
}

/// Deeper than types go: a value this deep is refused, not walked.
const MAX_DEPTH: usize = 64;

/// A runtime value as a slot of type `ty`.
fn slot_of(image: &Image, ty: TypeId, value: &Value, depth: usize) -> Result<Slot, ValueError> {
    let expected = || ValueError::expected(type_name(image, ty), value);
    let Some(def) = image
        .types
        .get(usize::from(ty))
        .filter(|_| depth < MAX_DEPTH)
    else {
        return Err(expected());
    };
    Ok(match (def, value) {
        (TypeDef::Int, Value::Int(n)) => Slot::Int(*n),
        (TypeDef::Float, Value::Float(x)) => Slot::Float(*x),
        (TypeDef::Bool, Value::Bool(b)) => Slot::Bool(*b),
        (TypeDef::Str, Value::Str(text)) => Slot::text(text.to_string()),
        (TypeDef::Unit, Value::Unit) => Slot::Unit,
        (TypeDef::List(element), Value::List(items)) => {
            let slots = items
                .iter()
                .enumerate()
                .map(|(at, item)| {
                    slot_of(image, *element, item, depth + 1).map_err(|error| error.in_item(at))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Slot::list(slots, image.record_width(*element)).ok_or_else(expected)?
        }
        (TypeDef::Map(element), Value::Map(entries)) => Slot::Map(Rc::new(
            entries
                .iter()
                .map(|(key, entry)| {
                    slot_of(image, *element, entry, depth + 1)
                        .map(|slot| (key.to_string(), slot))
                        .map_err(|error| error.in_entry(key))
                })
                .collect::<Result<BTreeMap<_, _>, _>>()?,
        )),
        (TypeDef::Option(_), Value::Unit) => Slot::Option(None),
        (TypeDef::Option(inner), value) => {
            Slot::Option(Some(Rc::new(slot_of(image, *inner, value, depth + 1)?)))
        }
        (TypeDef::Record(record), Value::Map(entries)) => {
            let Some(definition) = image.records.get(usize::from(*record)) else {
                return Err(expected());
            };
            let mut fields = Vec::with_capacity(definition.fields.len());
            for (name, field_ty) in &definition.fields {
                let Some(field) = entries.get(name.as_str()) else {
                    return Err(ValueError::expected(
                        format!("{} (a map with the field `{name}`)", definition.name),
                        value,
                    ));
                };
                fields.push(
                    slot_of(image, *field_ty, field, depth + 1)
                        .map_err(|error| error.in_entry(name))?,
                );
            }
            Slot::Record(Rc::new(fields))
        }
        _ => return Err(expected()),
    })
}

/// A slot of type `ty` as a runtime value.
fn value_of(image: &Image, ty: TypeId, slot: &Slot, depth: usize) -> Value {
    let def = image
        .types
        .get(usize::from(ty))
        .filter(|_| depth < MAX_DEPTH);
    match (def, slot) {
        (_, Slot::Unit) => Value::Unit,
        (_, Slot::Bool(b)) => Value::Bool(*b),
        (_, Slot::Int(n)) => Value::Int(*n),
        (_, Slot::Float(x)) => Value::Float(*x),
        (_, Slot::Str(text)) => Value::Str(Arc::from(text.as_str())),
        (Some(TypeDef::List(element)), Slot::List(items)) => Value::List(Arc::new(
            items
                .iter()
                .map(|item| value_of(image, *element, item, depth + 1))
                .collect(),
        )),
        (Some(TypeDef::List(element)), Slot::Table(table)) => Value::List(Arc::new(
            table
                .records()
                .map(|record| value_of(image, *element, &record, depth + 1))
                .collect(),
        )),
        (Some(TypeDef::Map(element)), Slot::Map(entries)) => Value::Map(Arc::new(
            entries
                .iter()
                .map(|(key, entry)| {
                    (
                        Arc::from(key.as_str()),
                        value_of(image, *element, entry, depth + 1),
                    )
                })
                .collect(),
        )),
        (Some(TypeDef::Option(inner)), Slot::Option(Some(value))) => {
            value_of(image, *inner, value, depth + 1)
        }
        (_, Slot::Option(None)) => Value::Unit,
        (Some(TypeDef::Record(record)), Slot::Record(_) | Slot::Row(..)) => {
            let fields = slot.fields().unwrap_or_default();
            let names = image
                .records
                .get(usize::from(*record))
                .map(|definition| definition.fields.as_slice())
                .unwrap_or_default();
            Value::Map(Arc::new(
                names
                    .iter()
                    .zip(fields.iter())
                    .map(|((name, field_ty), field)| {
                        (
                            Arc::from(name.as_str()),
                            value_of(image, *field_ty, field, depth + 1),
                        )
                    })
                    .collect(),
            ))
        }
        // A slot that does not match its type: the verifier rules it out.
        _ => Value::Unit,
    }
}
