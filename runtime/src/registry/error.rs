//! The registry's errors: a name not found or shared ([`LookupError`]), and what a start-up
//! check found ([`RegistryError`]).

use std::fmt;

/// Why [`registry::get`](super::get) found no single model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LookupError {
    /// No model is registered under the name.
    Unknown {
        /// The name asked for.
        name: String,
        /// The closest registered name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// Two or more models are registered under the name.
    Ambiguous {
        /// The name asked for.
        name: String,
        /// The type path of each model of that name.
        type_paths: Vec<&'static str>,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::Unknown { name, suggestion } => {
                write!(f, "no model is registered as `{name}`")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None if super::entry::SUPPORTED => f.write_str(MISSING_WHY),
                    None => f.write_str(NO_SECTIONS),
                }
            }
            LookupError::Ambiguous { name, type_paths } => {
                write!(f, "{}", Shared { name, type_paths })
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// What [`registry::expect`](super::expect) found wrong: the expected models that are not
/// registered, and the names two models share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    missing: Vec<(String, Option<&'static str>)>,
    duplicates: Vec<(&'static str, Vec<&'static str>)>,
    supported: bool,
}

impl RegistryError {
    pub(crate) fn new(
        missing: Vec<(String, Option<&'static str>)>,
        duplicates: Vec<(&'static str, Vec<&'static str>)>,
        supported: bool,
    ) -> Self {
        RegistryError {
            missing,
            duplicates,
            supported,
        }
    }

    /// The expected names no model is registered under.
    pub fn missing(&self) -> Vec<&str> {
        self.missing.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// Each name two or more models share, with their type paths.
    pub fn duplicates(&self) -> &[(&'static str, Vec<&'static str>)] {
        &self.duplicates
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (name, suggestion) in &self.missing {
            if !std::mem::take(&mut first) {
                f.write_str("\n")?;
            }
            write!(f, "the model `{name}` is not registered")?;
            if let Some(suggestion) = suggestion {
                write!(f, " (did you mean `{suggestion}`?)")?;
            }
        }
        if !self.missing.is_empty() {
            if self.supported {
                f.write_str(MISSING_WHY)?;
            } else {
                f.write_str(NO_SECTIONS)?;
            }
        }
        for (name, type_paths) in &self.duplicates {
            if !std::mem::take(&mut first) {
                f.write_str("\n")?;
            }
            write!(f, "{}", Shared { name, type_paths })?;
        }
        Ok(())
    }
}

impl std::error::Error for RegistryError {}

/// Why a model can be missing.
const MISSING_WHY: &str = "; a model registers when `#[derive(Model)]` is on its type and its \
     crate is linked into the program: a crate the program never names is not linked, so \
     name it with `use the_crate as _;`";

/// Why nothing is registered on a target without link sections.
const NO_SECTIONS: &str =
    "; this target has no link sections (wasm, for one), so no model registers on it";

/// Two models of one name, and what to do.
struct Shared<'a> {
    name: &'a str,
    type_paths: &'a [&'static str],
}

impl fmt::Display for Shared<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} models are registered as `{}`: ",
            self.type_paths.len(),
            self.name
        )?;
        for (position, path) in self.type_paths.iter().enumerate() {
            if position > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "`{path}`")?;
        }
        f.write_str("; give one another name with `#[model(name = \"..\")]`")
    }
}
