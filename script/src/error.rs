//! Run-time errors of scripts: what went wrong, in which script function, at which line and
//! column. The same for the generated Rust, the reference interpreter and the VM.

use std::fmt;

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// An `int` result outside `i64`.
    Overflow,
    /// `/` or `%` by zero.
    DivisionByZero,
    /// `list[index]` outside the list.
    Index {
        /// The index given.
        index: i64,
        /// The list's length.
        len: i64,
    },
    /// `map[key]` of a key the map does not have.
    Key(String),
    /// `to_int` of NaN or of a `float` outside `int`'s range.
    Conversion,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Overflow => f.write_str("integer overflow"),
            ErrorKind::DivisionByZero => f.write_str("division by zero"),
            ErrorKind::Index { index, len } => {
                write!(f, "index {index} is out of range for a list of {len}")
            }
            ErrorKind::Key(key) => write!(f, "the map has no key {key:?}"),
            ErrorKind::Conversion => f.write_str("the float does not fit an int"),
        }
    }
}

/// A run-time error of a script, with where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The script function it happened in.
    pub function: String,
    /// The line, 1-based (0 when unknown).
    pub line: u32,
    /// The column, 1-based, in characters (0 when unknown).
    pub column: u32,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} in `{}` at {}:{}",
            self.kind, self.function, self.line, self.column
        )
    }
}

impl std::error::Error for ScriptError {}
