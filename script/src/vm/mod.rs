//! The VM: runs verified bytecode ([`Program`]) with limits ([`Limits`]: fuel, call depth,
//! memory), each limit a typed error, and run-time faults with the script function and
//! `line:col`, as every back end reports them.
//!
//! A [`Program`] is bound to the host functions it declares with
//! [`Program::instance`], which checks each closure's types against the declaration once;
//! the [`Instance`] then calls `pub` functions by name with plain [`Value`]s, checked against
//! the signatures. `Program::into_module` (feature `dynamic`) makes it a
//! `modsmith::dynamic::DynModule`.

mod host;
#[cfg(feature = "dynamic")]
mod module;
mod run;
pub(crate) mod slot;

use std::fmt;
use std::sync::Arc;

use crate::bytecode::Program;
use crate::bytecode::image::{Image, TypeDef, TypeId};
use crate::error::ScriptError;
use crate::value::Value;

pub use host::{Host, HostFunction, HostType, IntoHostFunction, ScriptType};
#[cfg(feature = "dynamic")]
pub use module::ModuleError;
pub use slot::Mismatch;

use run::Fault;
use slot::Slot;

/// What one call may use. Each limit, reached, is its own [`VmError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Instructions a call may run (its callees' included).
    pub fuel: u64,
    /// How deeply script functions may call each other, the first call counting one.
    pub call_depth: usize,
    /// Bytes a call may allocate for strings, lists, maps and records, all told (an
    /// allocation budget: what a run makes, not what it keeps).
    pub memory: usize,
}

impl Default for Limits {
    /// A billion instructions, 10,000 calls deep, 256 MiB.
    fn default() -> Self {
        Limits {
            fuel: 1_000_000_000,
            call_depth: 10_000,
            memory: 256 << 20,
        }
    }
}

/// Why a call into the VM gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VmError {
    /// A run-time error of the script (overflow, division by zero, index out of range, ..),
    /// with its function, line and column.
    Script(ScriptError),
    /// The call ran [`Limits::fuel`] instructions.
    OutOfFuel {
        /// The limit.
        limit: u64,
    },
    /// Calls nested deeper than [`Limits::call_depth`].
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The call allocated more than [`Limits::memory`] bytes.
    OutOfMemory {
        /// The limit.
        limit: usize,
    },
    /// No `pub` function of that name.
    NoSuchFunction {
        /// The name asked for.
        name: String,
        /// The closest `pub` function's name, if one is close.
        suggestion: Option<String>,
    },
    /// The wrong number of arguments.
    Arity {
        /// The function.
        function: String,
        /// How many it takes.
        expected: usize,
        /// How many were given.
        got: usize,
    },
    /// An argument that does not fit its parameter's type.
    Argument {
        /// The function.
        function: String,
        /// The parameter's name.
        parameter: String,
        /// What does not fit, and where in the value.
        mismatch: Mismatch,
    },
    /// The program could not be bound to its host ([`Program::call`] binds none).
    Host(HostError),
    /// A host function returned a value that does not fit its declared result (possible
    /// only for a closure that returns a [`Value`], whose type Rust does not fix).
    HostResult {
        /// The host function.
        function: String,
        /// What does not fit.
        mismatch: Mismatch,
    },
    /// The VM broke an invariant the verifier proves: a bug, reported rather than undefined.
    Internal(String),
}

impl fmt::Display for VmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VmError::Script(error) => error.fmt(f),
            VmError::OutOfFuel { limit } => write!(
                f,
                "the call ran out of fuel after {limit} instructions; raise `Limits::fuel` if \
                 the script is meant to run this long"
            ),
            VmError::TooDeep { limit } => write!(
                f,
                "script calls nested deeper than {limit}; raise `Limits::call_depth` or make \
                 the recursion shallower"
            ),
            VmError::OutOfMemory { limit } => write!(
                f,
                "the call allocated more than {limit} bytes for strings, lists, maps and \
                 records; raise `Limits::memory` if that is expected"
            ),
            VmError::NoSuchFunction { name, suggestion } => {
                write!(f, "the program has no `pub` function `{name}`")?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => Ok(()),
                }
            }
            VmError::Arity {
                function,
                expected,
                got,
            } => write!(f, "`{function}` takes {expected} argument(s), {got} given"),
            VmError::Argument {
                function,
                parameter,
                mismatch,
            } => write!(f, "argument `{parameter}` of `{function}`: {mismatch}"),
            VmError::Host(error) => error.fmt(f),
            VmError::HostResult { function, mismatch } => {
                write!(
                    f,
                    "the host function `{function}` returned a value that does not fit: {mismatch}"
                )
            }
            VmError::Internal(what) => write!(f, "internal VM error (a bug): {what}"),
        }
    }
}

impl std::error::Error for VmError {}

/// Why a program could not be bound to a host.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostError {
    /// The program declares a host function the host does not provide.
    Missing {
        /// Its name.
        name: String,
        /// Its declared signature.
        signature: String,
    },
    /// A host function's closure takes or returns other types than declared.
    Mismatch {
        /// Its name.
        name: String,
        /// The signature the program declares.
        declared: String,
        /// The closure's.
        provided: String,
    },
    /// The host provides a function the program does not declare.
    Unknown {
        /// Its name.
        name: String,
        /// The closest declared name, if one is close.
        suggestion: Option<String>,
    },
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Missing { name, signature } => write!(
                f,
                "the program declares the host function `{signature}`, which the host does \
                 not provide; add `.function(\"{name}\", ..)` to the `Host`"
            ),
            HostError::Mismatch {
                name,
                declared,
                provided,
            } => write!(
                f,
                "the host function `{name}` is declared `{declared}`, but the closure given is \
                 `{provided}`"
            ),
            HostError::Unknown { name, suggestion } => {
                write!(
                    f,
                    "the host provides `{name}`, which the program does not declare"
                )?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for HostError {}

/// A program bound to its host, with limits: what calls run in. Cheap to clone, `Send` and
/// `Sync`; each call has registers of its own.
#[derive(Clone, Debug)]
pub struct Instance {
    program: Program,
    host: Arc<[HostFunction]>,
    limits: Limits,
}

impl Instance {
    pub(crate) fn new(program: Program, host: Host) -> Result<Instance, HostError> {
        let image = program.image();
        let mut provided = host.functions;
        let mut bound = Vec::with_capacity(image.host.len());
        for declared in &image.host {
            let signature = declared_signature(image, declared);
            let Some(at) = provided.iter().position(|(name, _)| *name == declared.name) else {
                return Err(HostError::Missing {
                    name: declared.name.clone(),
                    signature,
                });
            };
            let (_, function) = provided.swap_remove(at);
            let fits = function.params.len() == declared.params.len()
                && function
                    .params
                    .iter()
                    .zip(&declared.params)
                    .all(|(host, (_, ty))| fits(image, *ty, host))
                && fits(image, declared.ret, &function.ret);
            if !fits {
                return Err(HostError::Mismatch {
                    name: declared.name.clone(),
                    declared: signature,
                    provided: format!("{function:?}"),
                });
            }
            bound.push(function);
        }
        if let Some((name, _)) = provided.first() {
            let suggestion =
                crate::suggest::closest(name, image.host.iter().map(|s| s.name.as_str()));
            return Err(HostError::Unknown {
                name: name.clone(),
                suggestion,
            });
        }
        Ok(Instance {
            program,
            host: bound.into(),
            limits: Limits::default(),
        })
    }

    /// With these limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Instance {
        self.limits = limits;
        self
    }

    /// The limits of each call.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Calls the `pub` function `name` with `args`.
    ///
    /// # Errors
    ///
    /// A [`VmError`]: a run-time error of the script with its place, a limit reached, or a
    /// call that does not fit the function.
    pub fn call(&self, name: &str, args: &[Value]) -> Result<Value, VmError> {
        let index = self.public_index(name)?;
        let slots = self.arguments(index, args)?;
        self.run(index, slots).map(|slot| slot.to_value())
    }

    /// A call of the `pub` function `name` with `args` converted into the VM's values once,
    /// to run many times: for a function called again and again on the same data (rules
    /// over a catalogue), so that each call does not convert it anew. The conversion is
    /// the part of a call that grows with its arguments: 10^5 records take longer to
    /// convert than to price.
    ///
    /// # Errors
    ///
    /// As [`Instance::call`], for what can be known before running: no such function, or
    /// arguments that do not fit.
    pub fn prepare(&self, name: &str, args: &[Value]) -> Result<PreparedCall, VmError> {
        let index = self.public_index(name)?;
        let args = self.arguments(index, args)?;
        Ok(PreparedCall {
            instance: self.clone(),
            index,
            args,
        })
    }

    fn public_index(&self, name: &str) -> Result<usize, VmError> {
        self.program.public_function(name).ok_or_else(|| {
            let image = self.program.image();
            VmError::NoSuchFunction {
                name: name.to_owned(),
                suggestion: crate::suggest::closest(
                    name,
                    image
                        .functions
                        .iter()
                        .filter(|function| function.public)
                        .map(|function| function.signature.name.as_str()),
                ),
            }
        })
    }

    /// `args` as the parameters of function `index`, checked.
    fn arguments(&self, index: usize, args: &[Value]) -> Result<Vec<Slot>, VmError> {
        let image = self.program.image();
        let function = &image.functions[index].signature;
        if args.len() != function.params.len() {
            return Err(VmError::Arity {
                function: function.name.clone(),
                expected: function.params.len(),
                got: args.len(),
            });
        }
        function
            .params
            .iter()
            .zip(args)
            .map(|((parameter, ty), arg)| {
                Slot::from_value(image, *ty, arg).map_err(|mismatch| VmError::Argument {
                    function: function.name.clone(),
                    parameter: parameter.clone(),
                    mismatch,
                })
            })
            .collect()
    }

    fn run(&self, index: usize, args: Vec<Slot>) -> Result<Slot, VmError> {
        let image = self.program.image();
        run::run(
            image,
            &self.program.facts().holds_shared,
            &self.host,
            &self.limits,
            index,
            args,
        )
        .map_err(|fault| match fault {
            Fault::Script { kind, function, pc } => {
                let (name, (line, column)) = image.functions.get(function).map_or_else(
                    || (String::new(), (0, 0)),
                    |function| (function.signature.name.clone(), function.position(pc)),
                );
                VmError::Script(ScriptError {
                    kind,
                    function: name,
                    line,
                    column,
                })
            }
            Fault::OutOfFuel => VmError::OutOfFuel {
                limit: self.limits.fuel,
            },
            Fault::TooDeep => VmError::TooDeep {
                limit: self.limits.call_depth,
            },
            Fault::OutOfMemory => VmError::OutOfMemory {
                limit: self.limits.memory,
            },
            Fault::HostResult { function, mismatch } => VmError::HostResult {
                function: image
                    .host
                    .get(function)
                    .map_or_else(String::new, |host| host.name.clone()),
                mismatch,
            },
            Fault::Internal(what) => VmError::Internal(what.to_owned()),
        })
    }
}

/// A call whose arguments are already the VM's values ([`Instance::prepare`]): each
/// [`PreparedCall::call`] shares them (a reference count each) instead of converting them.
/// Not `Send`: the shared values are counted without atomics.
pub struct PreparedCall {
    instance: Instance,
    index: usize,
    args: Vec<Slot>,
}

impl PreparedCall {
    /// Runs the call. The function sees its arguments as values, as always: a change it
    /// makes is to its own copy.
    ///
    /// # Errors
    ///
    /// A run-time error of the script, or a limit reached.
    pub fn call(&self) -> Result<Value, VmError> {
        self.instance
            .run(self.index, self.args.clone())
            .map(|slot| slot.to_value())
    }
}

impl fmt::Debug for PreparedCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self
            .instance
            .program
            .image()
            .functions
            .get(self.index)
            .map_or("", |function| function.signature.name.as_str());
        f.debug_struct("PreparedCall")
            .field("function", &name)
            .finish_non_exhaustive()
    }
}

/// Whether a closure's type fits a declared type.
fn fits(image: &Image, ty: TypeId, host: &HostType) -> bool {
    let Some(def) = image.types.get(usize::from(ty)) else {
        return false;
    };
    match (def, host) {
        (_, HostType::Any) => true,
        (TypeDef::Int, HostType::Int)
        | (TypeDef::Float, HostType::Float)
        | (TypeDef::Bool, HostType::Bool)
        | (TypeDef::Str, HostType::Str)
        | (TypeDef::Unit, HostType::Unit) => true,
        (TypeDef::List(inner), HostType::List(host))
        | (TypeDef::Map(inner), HostType::Map(host))
        | (TypeDef::Option(inner), HostType::Option(host)) => fits(image, *inner, host),
        _ => false,
    }
}

/// `name(a: int) -> str`, as the program declares it.
fn declared_signature(image: &Image, signature: &crate::bytecode::image::Signature) -> String {
    let params: Vec<String> = signature
        .params
        .iter()
        .map(|(name, ty)| format!("{name}: {}", image.type_name(*ty)))
        .collect();
    format!(
        "{}({}) -> {}",
        signature.name,
        params.join(", "),
        image.type_name(signature.ret)
    )
}
