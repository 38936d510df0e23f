//! The bytes of a program: a header (magic, format version, language version, checksum of
//! the rest), then the tables in order: name and doc, types, records, constant pool, named
//! constants, host signatures, functions (signature, registers, code, line table).
//!
//! Integers are little-endian; text is a `u32` length and UTF-8; a count is a `u32` and is
//! checked against the bytes left before anything is allocated for it, so a corrupted
//! count cannot ask for gigabytes. Reading decodes only: whether the program is safe to
//! run is the verifier's question, asked next.

use super::image::{
    Constant, Function, Image, NamedConstant, Position, Record, Signature, TypeDef, TypeId,
};
use super::op::{Op, Reader};
use super::verify::VerifyError;
use super::{FORMAT_VERSION, LoadError, MAGIC};

/// The header's length: magic, format version, language version, checksum.
const HEADER: usize = 4 + 2 + 4 + 4;

/// The program in bytes.
pub fn write(image: &Image) -> Vec<u8> {
    let mut payload = Writer(Vec::new());
    payload.text(&image.name);
    payload.text(&image.docs);
    payload.count(image.types.len());
    for def in &image.types {
        match def {
            TypeDef::Int => payload.u8(0),
            TypeDef::Float => payload.u8(1),
            TypeDef::Bool => payload.u8(2),
            TypeDef::Str => payload.u8(3),
            TypeDef::Unit => payload.u8(4),
            TypeDef::List(inner) => payload.tagged(5, *inner),
            TypeDef::Map(inner) => payload.tagged(6, *inner),
            TypeDef::Option(inner) => payload.tagged(7, *inner),
            TypeDef::Record(record) => payload.tagged(8, *record),
        }
    }
    payload.count(image.records.len());
    for record in &image.records {
        payload.text(&record.name);
        payload.count(record.fields.len());
        for (name, ty) in &record.fields {
            payload.text(name);
            payload.u16(*ty);
        }
    }
    payload.count(image.constants.len());
    for constant in &image.constants {
        match constant {
            Constant::Int(n) => {
                payload.u8(0);
                payload.0.extend_from_slice(&n.to_le_bytes());
            }
            Constant::Float(x) => {
                payload.u8(1);
                payload.0.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            Constant::Bool(b) => {
                payload.u8(2);
                payload.u8(u8::from(*b));
            }
            Constant::Str(text) => {
                payload.u8(3);
                payload.text(text);
            }
        }
    }
    payload.count(image.named.len());
    for named in &image.named {
        payload.text(&named.name);
        payload.u8(u8::from(named.public));
        payload.text(&named.docs);
        payload.u32(named.constant);
    }
    payload.count(image.host.len());
    for signature in &image.host {
        payload.signature(signature);
    }
    payload.count(image.functions.len());
    for function in &image.functions {
        payload.signature(&function.signature);
        payload.u8(u8::from(function.public));
        payload.u16(function.registers);
        payload.code(&function.code);
        payload.count(function.lines.len());
        for position in &function.lines {
            payload.u32(position.pc);
            payload.u32(position.line);
            payload.u32(position.column);
        }
    }
    let payload = payload.0;
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&image.language_version.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    bytes
}

/// The program of `bytes`, decoded but not verified.
pub fn read(bytes: &[u8]) -> Result<Image, LoadError> {
    if bytes.len() < 4 || bytes[..4] != MAGIC {
        return Err(LoadError::NotBytecode);
    }
    let mut reader = Reader { bytes, at: 4 };
    let format = reader
        .take()
        .map(u16::from_le_bytes)
        .ok_or(LoadError::Truncated { at: 4 })?;
    if format != FORMAT_VERSION {
        return Err(LoadError::FormatVersion {
            found: format,
            supported: FORMAT_VERSION,
        });
    }
    let language = reader
        .take()
        .map(u32::from_le_bytes)
        .ok_or(LoadError::Truncated { at: 6 })?;
    if language != crate::LANGUAGE_VERSION {
        return Err(LoadError::LanguageVersion {
            found: language,
            supported: crate::LANGUAGE_VERSION,
        });
    }
    let expected = reader
        .take()
        .map(u32::from_le_bytes)
        .ok_or(LoadError::Truncated { at: 10 })?;
    let payload = &bytes[HEADER..];
    let found = crc32fast::hash(payload);
    if found != expected {
        return Err(LoadError::Checksum { expected, found });
    }
    let mut input = Input(Reader { bytes, at: HEADER });
    let image = input.image(language)?;
    if input.0.at != bytes.len() {
        return Err(input.malformed("bytes after the last function"));
    }
    Ok(image)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, value: u8) {
        self.0.push(value);
    }

    fn u16(&mut self, value: u16) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn count(&mut self, count: usize) {
        self.u32(u32::try_from(count).unwrap_or(u32::MAX));
    }

    fn tagged(&mut self, tag: u8, value: u16) {
        self.u8(tag);
        self.u16(value);
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn signature(&mut self, signature: &Signature) {
        self.text(&signature.name);
        self.text(&signature.docs);
        self.count(signature.params.len());
        for (name, ty) in &signature.params {
            self.text(name);
            self.u16(*ty);
        }
        self.u16(signature.ret);
    }

    /// The code, its jump targets turned from instruction indices into byte offsets.
    fn code(&mut self, code: &[Op]) {
        let mut offsets = Vec::with_capacity(code.len() + 1);
        let mut scratch = Vec::new();
        let mut offset = 0u32;
        for op in code {
            offsets.push(offset);
            scratch.clear();
            op.write(&mut scratch);
            offset = offset.saturating_add(u32::try_from(scratch.len()).unwrap_or(u32::MAX));
        }
        offsets.push(offset);
        let mut bytes = Vec::with_capacity(offset as usize);
        for op in code {
            let mut op = *op;
            if let Some(target) = op.target_mut() {
                *target = offsets.get(*target as usize).copied().unwrap_or(u32::MAX);
            }
            op.write(&mut bytes);
        }
        self.count(bytes.len());
        self.0.extend_from_slice(&bytes);
    }
}

struct Input<'a>(Reader<'a>);

impl Input<'_> {
    fn malformed(&self, what: &str) -> LoadError {
        LoadError::Malformed {
            at: self.0.at,
            what: what.to_owned(),
        }
    }

    fn u8(&mut self) -> Result<u8, LoadError> {
        let at = self.0.at;
        self.0
            .take::<1>()
            .map(|[byte]| byte)
            .ok_or(LoadError::Truncated { at })
    }

    fn u16(&mut self) -> Result<u16, LoadError> {
        let at = self.0.at;
        self.0
            .take()
            .map(u16::from_le_bytes)
            .ok_or(LoadError::Truncated { at })
    }

    fn u32(&mut self) -> Result<u32, LoadError> {
        let at = self.0.at;
        self.0
            .take()
            .map(u32::from_le_bytes)
            .ok_or(LoadError::Truncated { at })
    }

    fn u64(&mut self) -> Result<u64, LoadError> {
        let at = self.0.at;
        self.0
            .take()
            .map(u64::from_le_bytes)
            .ok_or(LoadError::Truncated { at })
    }

    fn flag(&mut self) -> Result<bool, LoadError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.malformed("a flag that is neither 0 nor 1")),
        }
    }

    /// A count of items at least `each` bytes long: no more than the bytes left hold.
    fn count(&mut self, each: usize) -> Result<usize, LoadError> {
        let count = self.u32()? as usize;
        let left = self.0.bytes.len().saturating_sub(self.0.at);
        if count.saturating_mul(each.max(1)) > left {
            return Err(self.malformed("a count larger than the bytes that follow"));
        }
        Ok(count)
    }

    fn text(&mut self) -> Result<String, LoadError> {
        let len = self.count(1)?;
        let start = self.0.at;
        let bytes = self
            .0
            .bytes
            .get(start..start + len)
            .ok_or(LoadError::Truncated { at: start })?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| self.malformed("text that is not UTF-8"))?
            .to_owned();
        self.0.at = start + len;
        Ok(text)
    }

    fn image(&mut self, language_version: u32) -> Result<Image, LoadError> {
        let name = self.text()?;
        let docs = self.text()?;
        let types = (0..self.count(1)?)
            .map(|_| self.type_def())
            .collect::<Result<Vec<_>, _>>()?;
        let records = (0..self.count(8)?)
            .map(|_| {
                let name = self.text()?;
                let fields = (0..self.count(6)?)
                    .map(|_| Ok((self.text()?, self.u16()?)))
                    .collect::<Result<Vec<_>, LoadError>>()?;
                Ok(Record { name, fields })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let constants = (0..self.count(2)?)
            .map(|_| self.constant())
            .collect::<Result<Vec<_>, _>>()?;
        let named = (0..self.count(13)?)
            .map(|_| {
                Ok(NamedConstant {
                    name: self.text()?,
                    public: self.flag()?,
                    docs: self.text()?,
                    constant: self.u32()?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let host = (0..self.count(14)?)
            .map(|_| self.signature())
            .collect::<Result<Vec<_>, _>>()?;
        let functions = (0..self.count(25)?)
            .map(|_| self.function())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Image {
            language_version,
            name,
            docs,
            types,
            records,
            constants,
            named,
            host,
            functions,
        })
    }

    fn type_def(&mut self) -> Result<TypeDef, LoadError> {
        Ok(match self.u8()? {
            0 => TypeDef::Int,
            1 => TypeDef::Float,
            2 => TypeDef::Bool,
            3 => TypeDef::Str,
            4 => TypeDef::Unit,
            5 => TypeDef::List(self.u16()?),
            6 => TypeDef::Map(self.u16()?),
            7 => TypeDef::Option(self.u16()?),
            8 => TypeDef::Record(self.u16()?),
            _ => return Err(self.malformed("an unknown type tag")),
        })
    }

    fn constant(&mut self) -> Result<Constant, LoadError> {
        Ok(match self.u8()? {
            0 => Constant::Int(self.u64()?.cast_signed()),
            1 => Constant::Float(f64::from_bits(self.u64()?)),
            2 => Constant::Bool(self.flag()?),
            3 => Constant::Str(self.text()?),
            _ => return Err(self.malformed("an unknown constant tag")),
        })
    }

    fn signature(&mut self) -> Result<Signature, LoadError> {
        let name = self.text()?;
        let docs = self.text()?;
        let params = (0..self.count(6)?)
            .map(|_| Ok((self.text()?, self.u16()?)))
            .collect::<Result<Vec<(String, TypeId)>, LoadError>>()?;
        let ret = self.u16()?;
        Ok(Signature {
            name,
            docs,
            params,
            ret,
        })
    }

    fn function(&mut self) -> Result<Function, LoadError> {
        let signature = self.signature()?;
        let public = self.flag()?;
        let registers = self.u16()?;
        let code = self.code(&signature.name)?;
        let lines = (0..self.count(12)?)
            .map(|_| {
                Ok(Position {
                    pc: self.u32()?,
                    line: self.u32()?,
                    column: self.u32()?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        Ok(Function {
            signature,
            public,
            registers,
            code,
            lines,
        })
    }

    /// A function's code: its instructions, each jump's byte offset turned into an
    /// instruction index. An offset that is not an instruction's first byte is refused
    /// here, with the instruction that has it.
    fn code(&mut self, function: &str) -> Result<Vec<Op>, LoadError> {
        let len = self.count(1)?;
        let start = self.0.at;
        let end = start + len;
        let bytes = self
            .0
            .bytes
            .get(start..end)
            .ok_or(LoadError::Truncated { at: start })?;
        let mut reader = Reader { bytes, at: 0 };
        let mut code = Vec::new();
        let mut starts = Vec::new();
        while reader.at < bytes.len() {
            starts.push(u32::try_from(reader.at).unwrap_or(u32::MAX));
            let op = Op::read(&mut reader).ok_or_else(|| LoadError::Malformed {
                at: start + reader.at,
                what: "an unknown opcode, or code that ends inside an instruction".to_owned(),
            })?;
            code.push(op);
        }
        for (index, op) in code.iter_mut().enumerate() {
            let mnemonic = op.mnemonic();
            if let Some(target) = op.target_mut() {
                match starts.binary_search(target) {
                    Ok(instruction) => *target = u32::try_from(instruction).unwrap_or(u32::MAX),
                    Err(_) => {
                        return Err(LoadError::Refused(VerifyError {
                            function: Some(function.to_owned()),
                            pc: Some(index),
                            reason: format!(
                                "{mnemonic} jumps to byte {target} of the function's code, \
                                 which is not the start of one of its instructions"
                            ),
                        }));
                    }
                }
            }
        }
        self.0.at = end;
        Ok(code)
    }
}
