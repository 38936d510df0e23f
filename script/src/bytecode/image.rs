//! What a loaded program is in memory: the tables of the format, decoded, with the code as
//! [`Op`]s. The compiler builds one, the format writes and reads one, the verifier proves
//! one safe to run, and the VM runs one.

use std::fmt;

use super::op::Op;

/// An index into [`Image::types`].
pub type TypeId = u16;

/// A type of the bytecode: the language's types, each composite naming its parts by
/// [`TypeId`]. The table is canonical (no entry twice, parts before the whole), so two
/// registers have the same type exactly when their ids are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeDef {
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `bool`.
    Bool,
    /// `str`.
    Str,
    /// What a function without a result gives.
    Unit,
    /// `list[T]`.
    List(TypeId),
    /// `map[str, T]`.
    Map(TypeId),
    /// `option[T]`.
    Option(TypeId),
    /// A record, by index into [`Image::records`].
    Record(u16),
}

/// A constant of the pool: what `Const` loads.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// An `int`.
    Int(i64),
    /// A `float`.
    Float(f64),
    /// A `bool`.
    Bool(bool),
    /// A `str`.
    Str(String),
}

/// A record type.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Its name.
    pub name: String,
    /// Its fields, in order.
    pub fields: Vec<(String, TypeId)>,
}

/// A named constant of the module (`const NAME: int = ..`), by its pool entry.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedConstant {
    /// Its name.
    pub name: String,
    /// Whether it is `pub`.
    pub public: bool,
    /// Its doc.
    pub docs: String,
    /// Its value, an index into [`Image::constants`].
    pub constant: u32,
}

/// A function's parameters and result: of the module's functions and of the host's.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// Its name.
    pub name: String,
    /// Its doc.
    pub docs: String,
    /// Its parameters, in order.
    pub params: Vec<(String, TypeId)>,
    /// What it returns.
    pub ret: TypeId,
}

/// Where an instruction came from in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The first instruction at this place (an index into [`Function::code`]).
    pub pc: u32,
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in characters.
    pub column: u32,
}

/// A function of the module.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// Its name, parameters and result.
    pub signature: Signature,
    /// Whether it is `pub` (callable from outside).
    pub public: bool,
    /// How many registers a call uses; the parameters are the first.
    pub registers: u16,
    /// Its instructions.
    pub code: Vec<Op>,
    /// Where its instructions came from: sorted by `pc`, an entry where the place changes.
    pub lines: Vec<Position>,
}

impl Function {
    /// The place of instruction `pc`: the last entry at or before it.
    pub fn position(&self, pc: usize) -> (u32, u32) {
        let at = self
            .lines
            .partition_point(|position| position.pc as usize <= pc);
        match at.checked_sub(1).and_then(|at| self.lines.get(at)) {
            Some(position) => (position.line, position.column),
            None => (0, 0),
        }
    }
}

/// A whole program.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// The language version it was compiled for.
    pub language_version: u32,
    /// The module's name.
    pub name: String,
    /// The module's doc.
    pub docs: String,
    /// Its types.
    pub types: Vec<TypeDef>,
    /// Its records.
    pub records: Vec<Record>,
    /// Its constant pool.
    pub constants: Vec<Constant>,
    /// Its named constants.
    pub named: Vec<NamedConstant>,
    /// The functions its host provides.
    pub host: Vec<Signature>,
    /// Its functions.
    pub functions: Vec<Function>,
}

impl Image {
    /// The image in bytes, with a correct header and checksum, whatever it holds: what an
    /// assembler or a test writes. Loading the bytes verifies them
    /// ([`Program::from_bytes`](super::Program::from_bytes)), so an image that is not safe
    /// to run is refused there.
    pub fn to_bytes(&self) -> Vec<u8> {
        super::format::write(self)
    }

    /// The number of fields of the record type `id`; `None` for any other type.
    pub(crate) fn record_width(&self, id: TypeId) -> Option<usize> {
        match self.types.get(usize::from(id))? {
            TypeDef::Record(record) => Some(self.records.get(usize::from(*record))?.fields.len()),
            _ => None,
        }
    }

    /// A type, as the language writes it; `?` for an id outside the table.
    pub fn type_name(&self, id: TypeId) -> TypeName<'_> {
        TypeName { image: self, id }
    }

    /// The type of a constant.
    pub fn constant_type(&self, constant: &Constant) -> Option<TypeId> {
        let wanted = match constant {
            Constant::Int(_) => TypeDef::Int,
            Constant::Float(_) => TypeDef::Float,
            Constant::Bool(_) => TypeDef::Bool,
            Constant::Str(_) => TypeDef::Str,
        };
        self.find(wanted)
    }

    /// The id of a type, if the table has it.
    pub fn find(&self, def: TypeDef) -> Option<TypeId> {
        self.types
            .iter()
            .position(|entry| *entry == def)
            .and_then(|at| TypeId::try_from(at).ok())
    }
}

/// A type's name for messages: [`Image::type_name`].
pub struct TypeName<'a> {
    image: &'a Image,
    id: TypeId,
}

impl fmt::Display for TypeName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, self.id, 0)
    }
}

impl TypeName<'_> {
    fn write(&self, f: &mut fmt::Formatter<'_>, id: TypeId, depth: usize) -> fmt::Result {
        // The verifier refuses cycles; a message about an unverified table stays finite.
        if depth > 32 {
            return f.write_str("..");
        }
        let part = |f: &mut fmt::Formatter<'_>, open: &str, inner: TypeId| {
            f.write_str(open)?;
            self.write(f, inner, depth + 1)?;
            f.write_str("]")
        };
        match self.image.types.get(usize::from(id)) {
            Some(TypeDef::Int) => f.write_str("int"),
            Some(TypeDef::Float) => f.write_str("float"),
            Some(TypeDef::Bool) => f.write_str("bool"),
            Some(TypeDef::Str) => f.write_str("str"),
            Some(TypeDef::Unit) => f.write_str("nothing"),
            Some(TypeDef::List(inner)) => part(f, "list[", *inner),
            Some(TypeDef::Map(inner)) => part(f, "map[str, ", *inner),
            Some(TypeDef::Option(inner)) => part(f, "option[", *inner),
            Some(TypeDef::Record(record)) => match self.image.records.get(usize::from(*record)) {
                Some(record) => f.write_str(&record.name),
                None => f.write_str("?"),
            },
            None => f.write_str("?"),
        }
    }
}
