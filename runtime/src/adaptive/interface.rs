//! What an `#[adaptive]` module can do, asked at run time: [`Interface`], `supports`, and
//! the [`NotProvided`] error of an optional function nobody provided.

use std::fmt;

use super::slot::SlotState;

/// An `#[adaptive]` module as the macro writes it down: a `static` per module, read by
/// `interface()` and `supports()`.
#[doc(hidden)]
pub struct Manifest {
    /// The module's name.
    pub module: &'static str,
    /// `version = ".."`; empty when not given.
    pub version: &'static str,
    /// The module's doc comment.
    pub doc: &'static str,
    /// Its functions, in the module's order.
    pub functions: &'static [FunctionEntry],
}

/// One function of a [`Manifest`].
#[doc(hidden)]
pub struct FunctionEntry {
    /// Its name.
    pub name: &'static str,
    /// Its signature as written: `fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError>`.
    pub signature: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// `#[adaptive(optional)]`.
    pub optional: bool,
    /// What its slot is doing now.
    pub state: fn() -> SlotState,
}

impl FunctionEntry {
    fn is_provided(&self, state: SlotState) -> bool {
        !self.optional || state.replaced || state.overridden
    }
}

/// `supports(name)` of a module: whether it has a function of that name that can be called
/// now (an optional one only once provided, for every thread or by this thread's override).
#[doc(hidden)]
pub fn supports(manifest: &Manifest, name: &str) -> bool {
    manifest
        .functions
        .iter()
        .find(|entry| entry.name == name)
        .is_some_and(|entry| entry.is_provided((entry.state)()))
}

/// `interface()` of a module: a description of every function, with what its slot is doing
/// now, seen from this thread.
#[doc(hidden)]
pub fn interface(manifest: &Manifest) -> Interface {
    Interface {
        module: manifest.module,
        version: (!manifest.version.is_empty()).then_some(manifest.version),
        doc: manifest.doc,
        functions: manifest
            .functions
            .iter()
            .map(|entry| {
                let state = (entry.state)();
                FunctionInfo {
                    name: entry.name,
                    signature: entry.signature,
                    doc: entry.doc,
                    optional: entry.optional,
                    provided: entry.is_provided(state),
                    state,
                }
            })
            .collect(),
    }
}

/// What an `#[adaptive]` module offers now: its version and every function, with whether
/// it is provided, replaced or overridden. Returned by the module's `interface()`; displays
/// as a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    module: &'static str,
    version: Option<&'static str>,
    doc: &'static str,
    functions: Vec<FunctionInfo>,
}

impl Interface {
    /// The module's name.
    pub fn module(&self) -> &'static str {
        self.module
    }

    /// `#[adaptive(version = "..")]`, when given.
    pub fn version(&self) -> Option<&'static str> {
        self.version
    }

    /// The module's doc comment; empty when it has none.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// Every function, in the module's order.
    pub fn functions(&self) -> &[FunctionInfo] {
        &self.functions
    }

    /// The function of that name.
    pub fn function(&self, name: &str) -> Option<&FunctionInfo> {
        self.functions.iter().find(|function| function.name == name)
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.module)?;
        if let Some(version) = self.version {
            write!(f, " {version}")?;
        }
        for function in &self.functions {
            write!(f, "\n  {}  [{}]", function.signature, function.status())?;
        }
        Ok(())
    }
}

/// One function of an [`Interface`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    name: &'static str,
    signature: &'static str,
    doc: &'static str,
    optional: bool,
    provided: bool,
    state: SlotState,
}

impl FunctionInfo {
    /// Its name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Its signature as written: `fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError>`.
    pub fn signature(&self) -> &'static str {
        self.signature
    }

    /// Its doc comment; empty when it has none.
    pub fn doc(&self) -> &'static str {
        self.doc
    }

    /// Declared `#[adaptive(optional)]`: it has no body.
    pub fn is_optional(&self) -> bool {
        self.optional
    }

    /// It can be called now: it has a body, or (optional) something provided it, for
    /// every thread or by this thread's override.
    pub fn is_provided(&self) -> bool {
        self.provided
    }

    /// A replacement (for an optional function, a provided implementation) is installed for
    /// every thread.
    pub fn is_replaced(&self) -> bool {
        self.state.replaced
    }

    /// This thread (or task, under `scope`) overrides it.
    pub fn is_overridden(&self) -> bool {
        self.state.overridden
    }

    /// How many middleware layers wrap it.
    pub fn layers(&self) -> usize {
        self.state.layers
    }

    /// `body`, `replaced`, `not provided`, ... as the table shows it.
    fn status(&self) -> String {
        let mut status = match (self.optional, self.state.replaced, self.state.overridden) {
            (false, false, _) => "body",
            (false, true, _) => "replaced",
            (true, false, false) => "not provided",
            (true, false, true) => "provided here",
            (true, true, _) => "provided",
        }
        .to_owned();
        if self.state.overridden {
            status.push_str(", overridden here");
        }
        if self.state.layers > 0 {
            status.push_str(&format!(", {} layer(s)", self.state.layers));
        }
        status
    }
}

/// Returned (as the function's error type, through `From`, or as `None`) by an optional
/// function of an `#[adaptive]` module that nothing provided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotProvided {
    module: &'static str,
    function: &'static str,
}

impl NotProvided {
    /// For generated code: `module` and `function` name the optional function.
    #[doc(hidden)]
    pub const fn new(module: &'static str, function: &'static str) -> Self {
        NotProvided { module, function }
    }

    /// The module's name.
    pub fn module(&self) -> &'static str {
        self.module
    }

    /// The function's name.
    pub fn function(&self) -> &'static str {
        self.function
    }
}

impl fmt::Display for NotProvided {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (module, function) = (self.module, self.function);
        write!(
            f,
            "`{module}::{function}` is optional and nothing provided it; provide it with \
             `{module}::adapt::{function}.provide(..)`, or ask `{module}::supports(\"{function}\")` \
             before calling"
        )
    }
}

impl std::error::Error for NotProvided {}

/// The return type of an optional function: what a call returns before anything provided
/// it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "an optional function must return `Result<T, E>` with `E: From<NotProvided>`, or `Option<T>`; `{Self}` is neither",
    label = "a call before anything provided it has nothing to return here",
    note = "return `Option<T>`, or `Result<T, E>` with `impl From<modsmith::adaptive::NotProvided> for E`: a call before `provide(..)` then returns `None` or that error, never panics"
)]
pub trait OptionalReturn {
    /// `None`, or `Err(E::from(error))`.
    fn not_provided(error: NotProvided) -> Self;
}

impl<T, E: From<NotProvided>> OptionalReturn for Result<T, E> {
    fn not_provided(error: NotProvided) -> Self {
        Err(E::from(error))
    }
}

/// The error type of an optional function returning `Result<T, E>` as written: the bound is
/// on `E` itself, so that rustc reports this message at `E`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is the error of an optional function, and needs `impl From<NotProvided> for {Self}`",
    label = "a call before anything provided the function returns `Err` of this type",
    note = "add `impl From<modsmith::adaptive::NotProvided> for {Self}`, or return `Option<T>`: a call before `provide(..)` then returns that error or `None`, never panics"
)]
pub trait NotProvidedError {
    /// `Self::from(error)`.
    fn from_not_provided(error: NotProvided) -> Self;
}

impl<E: From<NotProvided>> NotProvidedError for E {
    fn from_not_provided(error: NotProvided) -> Self {
        E::from(error)
    }
}

impl<T> OptionalReturn for Option<T> {
    fn not_provided(_: NotProvided) -> Self {
        None
    }
}
