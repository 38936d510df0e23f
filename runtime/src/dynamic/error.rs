//! The errors of run-time modules: calling ([`CallError`]), building ([`BuildError`]) and
//! composing ([`ComposeError`]).

use std::fmt;
use std::sync::Arc;

use super::convert::ValueError;

/// Why a call to a [`DynModule`](super::DynModule) function failed: its message says what
/// to do about it, and [`CallError::kind`] tells the cases apart.
///
/// One pointer wide (the details are boxed, as in `std::io::Error`), so that the
/// `Result<Value, CallError>` of every call is no larger than a `Value` and a successful
/// call moves nothing more.
///
/// ```
/// use modsmith_runtime::dynamic::{CallErrorKind, ModuleBuilder};
///
/// let math = ModuleBuilder::new("math").function("add", |a: i64, b: i64| a + b).build()?;
/// let error = math.call("ad", &[]).unwrap_err();
/// assert!(matches!(error.kind(), CallErrorKind::UnknownName { suggestion: Some(s), .. } if s == "add"));
/// # Ok::<(), modsmith_runtime::dynamic::BuildError>(())
/// ```
///
/// A function that failed with a typed error (a script's `VmError`, say) keeps it as the
/// error's [`source`](std::error::Error::source), to downcast.
#[derive(Clone)]
pub struct CallError(Box<CallErrorData>);

#[derive(Clone)]
struct CallErrorData {
    kind: CallErrorKind,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl CallError {
    /// What went wrong, with its details.
    pub fn kind(&self) -> &CallErrorKind {
        &self.0.kind
    }

    /// The details, owned.
    pub fn into_kind(self) -> CallErrorKind {
        self.0.kind
    }

    pub(crate) fn with_source(
        kind: CallErrorKind,
        source: Arc<dyn std::error::Error + Send + Sync>,
    ) -> CallError {
        CallError(Box::new(CallErrorData {
            kind,
            source: Some(source),
        }))
    }
}

/// Equal when the kinds are: a source is a detail of the kind's message.
impl PartialEq for CallError {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind == other.0.kind
    }
}

impl From<CallErrorKind> for CallError {
    fn from(kind: CallErrorKind) -> Self {
        CallError(Box::new(CallErrorData { kind, source: None }))
    }
}

impl fmt::Debug for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.kind, f)
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.kind, f)
    }
}

impl std::error::Error for CallError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// The cases of [`CallError`], with their details.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CallErrorKind {
    /// No member of that name.
    UnknownName {
        /// The module searched.
        module: String,
        /// The name asked for.
        name: String,
        /// The closest name the module has, if one is close.
        suggestion: Option<String>,
    },
    /// The member is a constant or a submodule, not a function.
    NotAFunction {
        /// `module::name`.
        name: String,
        /// `constant` or `module`.
        kind: &'static str,
    },
    /// The wrong number of arguments.
    Arity {
        /// `module::function`.
        function: String,
        /// How many it takes.
        expected: usize,
        /// How many it was given.
        got: usize,
        /// Its signature, as `add(a: i64, b: i64) -> i64`.
        signature: String,
    },
    /// An argument of the wrong type.
    ArgumentType {
        /// `module::function`.
        function: String,
        /// The argument's position, from 0.
        index: usize,
        /// The parameter's name.
        parameter: String,
        /// The parameter's type.
        expected: String,
        /// The kind of value given.
        got: String,
        /// The conversion's own error (with the place inside a list or map).
        error: ValueError,
    },
    /// The function returned an error.
    Failed {
        /// `module::function`.
        function: String,
        /// The error's message.
        message: String,
    },
    /// The function's result did not convert into a value (a `u64` above `i64::MAX`).
    Return {
        /// `module::function`.
        function: String,
        /// Why.
        error: ValueError,
    },
    /// The function panicked. The panic was caught; the module stays usable.
    Panicked {
        /// `module::function`.
        function: String,
        /// The panic's message.
        message: String,
    },
}

impl fmt::Display for CallErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallErrorKind::UnknownName {
                module,
                name,
                suggestion,
            } => {
                write!(f, "module `{module}` has no member `{name}`")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => write!(f, "; `names()` lists what it has"),
                }
            }
            CallErrorKind::NotAFunction { name, kind } => {
                write!(
                    f,
                    "`{name}` is a {kind}, not a function; read it with `get`"
                )
            }
            CallErrorKind::Arity {
                function,
                expected,
                got,
                signature,
            } => {
                let plural = if *expected == 1 { "" } else { "s" };
                write!(
                    f,
                    "`{function}` takes {expected} argument{plural} but was given {got}; \
                     its signature is `{signature}`"
                )
            }
            CallErrorKind::ArgumentType {
                function,
                index,
                parameter,
                expected,
                got,
                error,
            } => {
                write!(
                    f,
                    "argument {} (`{parameter}`) of `{function}` must be `{expected}`, but a \
                     {got} was given",
                    index + 1
                )?;
                if !error.path().is_empty() || error.expected_type() != expected {
                    write!(f, " ({error})")?;
                }
                Ok(())
            }
            CallErrorKind::Failed { function, message } => {
                write!(f, "`{function}` failed: {message}")
            }
            CallErrorKind::Return { function, error } => write!(
                f,
                "`{function}` returned a value that is not a `Value`: {error}; return a type \
                 that fits (`i64` rather than a large `u64`)"
            ),
            CallErrorKind::Panicked { function, message } => write!(
                f,
                "`{function}` panicked: {message} (the panic was caught; the module is still \
                 usable)"
            ),
        }
    }
}

/// Every problem found by [`ModuleBuilder::build`](super::ModuleBuilder::build), at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    module: String,
    problems: Vec<String>,
}

impl BuildError {
    pub(crate) fn new(module: String, problems: Vec<String>) -> Self {
        BuildError { module, problems }
    }

    /// Each problem, one sentence each.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "module `{}` has {count} problem{plural}:", self.module)?;
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Why a composition failed: every conflicting name with the modules that define it, and
/// every include, exclude or rename that names nothing, at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposeError {
    module: String,
    conflicts: Vec<(String, Vec<String>)>,
    problems: Vec<String>,
}

impl ComposeError {
    pub(crate) fn new(
        module: String,
        conflicts: Vec<(String, Vec<String>)>,
        problems: Vec<String>,
    ) -> Self {
        ComposeError {
            module,
            conflicts,
            problems,
        }
    }

    /// Each conflicting name, with the sources defining it, in source order.
    pub fn conflicts(&self) -> &[(String, Vec<String>)] {
        &self.conflicts
    }

    /// The other problems: names in include, exclude or rename lists that the source does
    /// not have, a `prefer` of a source that is not in the composition.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for ComposeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "composing `{}` failed:", self.module)?;
        for (name, sources) in &self.conflicts {
            let sources: Vec<String> = sources.iter().map(|source| format!("`{source}`")).collect();
            write!(f, "\n  - `{name}` is defined by {}", sources.join(" and "))?;
        }
        if !self.conflicts.is_empty() {
            write!(
                f,
                "\n  choose with a conflict policy (first, last, prefer a source), exclude or \
                 rename the name in one source, or define it locally to override both"
            )?;
        }
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ComposeError {}
