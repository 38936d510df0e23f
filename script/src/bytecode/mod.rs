//! Bytecode: the second back end of the language. A program is compiled from text at run
//! time ([`Script::compile`]) or by `script!(.., bytecode = true)` at build time, saved as
//! bytes ([`Program::to_bytes`]), loaded from bytes ([`Program::from_bytes`]), which
//! decodes and **verifies** them whatever produced them, and run by the VM
//! ([`crate::vm`]).
//!
//! # The format
//!
//! A header: the magic `MSBC`, the format version ([`FORMAT_VERSION`]), the language
//! version ([`crate::LANGUAGE_VERSION`]) and a CRC-32 of the rest. Then the tables: types,
//! records, the constant pool, named constants, host signatures, and the functions, each
//! with its signature, register count, code and line table (instruction → line and column).
//! A wrong magic, version or checksum, and bytes that do not decode, are each a typed
//! [`LoadError`]; so is a program the verifier refuses ([`LoadError::Refused`]).
//!
//! # Why a register machine
//!
//! Measured before choosing (two minimal VMs in safe Rust, same build, `benches/RESULTS.md`):
//! the register VM ran `fib(27)` in 12–20 ms against 37–42 ms for the stack VM, and a loop
//! summing 10^7 integers in 150–220 ms against 337–569 ms. A register instruction names its
//! operands, so `sum = sum + i` is one dispatch instead of four; Lua 5 made the same move
//! for the same reason.
//!
//! # Safety of loading
//!
//! Lua 5.2 dropped its bytecode verifier, and CPython's `marshal` and LuaJIT warn against
//! loading untrusted bytecode. Here every load verifies ([`verify`]): jumps land on
//! instructions of their function, every register read is written on every path with a
//! value of the type the instruction needs, calls match their callee's signature, every
//! index names something that exists. A property test mutates valid bytecode and checks
//! that every input is refused or runs without a panic.

pub(crate) mod compile;
pub(crate) mod format;
pub mod image;
pub mod op;
pub mod verify;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, InText, Locate, render};
use crate::ir;
use crate::value::Value;
use crate::vm::{Host, HostError, Instance, VmError};

pub use compile::MAX_REGISTERS;
pub use image::Image;
pub use verify::VerifyError;

/// The first bytes of every program.
pub const MAGIC: [u8; 4] = *b"MSBC";

/// The version of the format this crate writes and reads.
pub const FORMAT_VERSION: u16 = 1;

/// Compiles scripts from text to a [`Program`].
///
/// ```
/// use modsmith_script::Script;
/// use modsmith_script::Value;
///
/// let program = Script::compile("module m { pub fn double(x: int) -> int { x * 2 } }")?;
/// assert_eq!(program.call("double", &[Value::Int(21)])?, Value::Int(42));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Script;

impl Script {
    /// The program of `source`, or every diagnostic of every stage, rendered with source
    /// lines under the name `script.ms`.
    ///
    /// # Errors
    ///
    /// A [`CompileError`] with the diagnostics.
    pub fn compile(source: &str) -> Result<Program, CompileError> {
        Script::compile_named("script.ms", source)
    }

    /// As [`Script::compile`], with the file name the diagnostics show.
    ///
    /// # Errors
    ///
    /// A [`CompileError`] with the diagnostics.
    pub fn compile_named(name: &str, source: &str) -> Result<Program, CompileError> {
        let failed = |diagnostics: Vec<Diagnostic>| CompileError {
            rendered: render(name, source, &diagnostics),
            diagnostics,
        };
        let (program, diagnostics) = crate::check_text(source);
        let Some(program) = program else {
            return Err(failed(diagnostics));
        };
        Program::compile(&program, &InText::new(source)).map_err(failed)
    }
}

/// Why a source did not compile: every diagnostic, and their rendering with the source's
/// lines (what `Display` shows).
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    /// The errors and warnings, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics rendered as rustc renders its own.
    pub rendered: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rendered.trim_end())
    }
}

impl std::error::Error for CompileError {}

/// Why bytes did not load.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The bytes do not start with [`MAGIC`]: not a program.
    NotBytecode,
    /// Written in another version of the format.
    FormatVersion {
        /// The bytes' version.
        found: u16,
        /// This crate's.
        supported: u16,
    },
    /// Compiled for another version of the language.
    LanguageVersion {
        /// The bytes' version.
        found: u32,
        /// This crate's.
        supported: u32,
    },
    /// The checksum does not match: the bytes changed after they were written.
    Checksum {
        /// The checksum the header records.
        expected: u32,
        /// The checksum of the bytes.
        found: u32,
    },
    /// The bytes end in the middle of something.
    Truncated {
        /// The offset where more was needed.
        at: usize,
    },
    /// Bytes that do not decode (an unknown opcode or tag, text that is not UTF-8).
    Malformed {
        /// The offset.
        at: usize,
        /// What was wrong.
        what: String,
    },
    /// The program decodes but is not safe to run.
    Refused(VerifyError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotBytecode => {
                f.write_str("these bytes are not modsmith bytecode (they do not start with `MSBC`)")
            }
            LoadError::FormatVersion { found, supported } => write!(
                f,
                "bytecode format {found}, but this modsmith reads format {supported}: compile \
                 the script again"
            ),
            LoadError::LanguageVersion { found, supported } => write!(
                f,
                "bytecode for language version {found}, but this modsmith runs version \
                 {supported}: compile the script again"
            ),
            LoadError::Checksum { expected, found } => write!(
                f,
                "the bytecode's checksum is {found:#010x}, not the {expected:#010x} its header \
                 records: the bytes were changed or damaged"
            ),
            LoadError::Truncated { at } => write!(f, "the bytecode ends early, at byte {at}"),
            LoadError::Malformed { at, what } => {
                write!(f, "the bytecode does not decode at byte {at}: {what}")
            }
            LoadError::Refused(error) => write!(f, "the verifier refused the bytecode: {error}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Refused(error) => Some(error),
            _ => None,
        }
    }
}

/// A verified program: cheap to clone, `Send` and `Sync`.
#[derive(Clone)]
pub struct Program(Arc<Loaded>);

struct Loaded {
    image: Image,
    facts: verify::Facts,
    /// The `pub` functions by name.
    public: HashMap<String, usize>,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Program")
            .field("name", &self.0.image.name)
            .field("functions", &self.0.image.functions.len())
            .finish_non_exhaustive()
    }
}

impl Program {
    fn new(image: Image, facts: verify::Facts) -> Program {
        let public = image
            .functions
            .iter()
            .enumerate()
            .filter(|(_, function)| function.public)
            .map(|(index, function)| (function.signature.name.clone(), index))
            .collect();
        Program(Arc::new(Loaded {
            image,
            facts,
            public,
        }))
    }

    /// The bytecode of a checked program (what `script!(.., bytecode = true)` embeds),
    /// verified as loaded bytes are; `locate` gives the line and column of each span.
    ///
    /// # Errors
    ///
    /// A constant that cannot be computed, a function too large for the format.
    pub fn compile(program: &ir::Program, locate: &dyn Locate) -> Result<Program, Vec<Diagnostic>> {
        let image = compile::compile(program, locate)?;
        match verify::verify(&image) {
            Ok(facts) => Ok(Program::new(image, facts)),
            // A bug of the compiler, reported rather than run.
            Err(error) => Err(vec![Diagnostic::error(
                crate::span::Span::default(),
                format!(
                    "internal error: the bytecode compiler made code the verifier refuses: \
                     {error}"
                ),
            )]),
        }
    }

    /// Loads a program: decodes the bytes and verifies them.
    ///
    /// # Errors
    ///
    /// A [`LoadError`]: not bytecode, another format or language version, a wrong
    /// checksum, bytes that do not decode, or a program the verifier refuses.
    pub fn from_bytes(bytes: &[u8]) -> Result<Program, LoadError> {
        let image = format::read(bytes)?;
        let facts = verify::verify(&image).map_err(LoadError::Refused)?;
        Ok(Program::new(image, facts))
    }

    /// The program as bytes, for [`Program::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.image.to_bytes()
    }

    /// The decoded tables, to read (a disassembler, a documentation tool).
    pub fn image(&self) -> &Image {
        &self.0.image
    }

    /// The module's name.
    pub fn name(&self) -> &str {
        &self.0.image.name
    }

    /// What the verifier proved beyond safety.
    pub(crate) fn facts(&self) -> &verify::Facts {
        &self.0.facts
    }

    pub(crate) fn public_function(&self, name: &str) -> Option<usize> {
        self.0.public.get(name).copied()
    }

    /// The program bound to `host`, which must provide every host function the program
    /// declares, with the declared types.
    ///
    /// # Errors
    ///
    /// A [`HostError`]: a declared function missing, of other types, or one the program
    /// does not declare.
    pub fn instance(&self, host: Host) -> Result<Instance, HostError> {
        Instance::new(self.clone(), host)
    }

    /// Calls the `pub` function `name` with the default limits, for a program that declares
    /// no host functions ([`Program::instance`] binds one that does).
    ///
    /// # Errors
    ///
    /// A [`VmError`].
    pub fn call(&self, name: &str, args: &[Value]) -> Result<Value, VmError> {
        self.instance(Host::new())
            .map_err(VmError::Host)?
            .call(name, args)
    }
}
