//! [`ModuleBuilder`]: a [`DynModule`] from closures, constants and submodules.

use std::borrow::Cow;
use std::sync::Arc;

use super::convert::IntoValue;
use super::error::BuildError;
use super::function::{Body, Fault, Function, IntoFunction, Parameter, Signature};
use super::module::{DynModule, Member};

/// Builds a [`DynModule`]: the run-time form of `types.ModuleType(name)` with attributes set
/// on it.
///
/// ```
/// use modsmith_runtime::dynamic::{FunctionInfo, ModuleBuilder, Value};
///
/// let trig = ModuleBuilder::new("trig").function("sin", f64::sin).build()?;
/// let math = ModuleBuilder::new("math")
///     .doc("Arithmetic.")
///     .constant("PI", std::f64::consts::PI)
///     .function_with("add", FunctionInfo::new().doc("Adds.").params(["a", "b"]), |a: i64, b: i64| a + b)
///     .function("div", |a: i64, b: i64| a.checked_div(b).ok_or("division by zero"))
///     .submodule(trig)
///     .build()?;
///
/// assert_eq!(math.signature("add").unwrap().to_string(), "add(a: i64, b: i64) -> i64");
/// assert_eq!(math.call("trig::sin", &[0.0.into()])?, Value::Float(0.0));
/// let error = math.call("div", &[1.into(), 0.into()]).unwrap_err();
/// assert_eq!(error.to_string(), "`math::div` failed: division by zero");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// `build()` checks every name (an identifier, not used twice) and reports every problem at
/// once.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct ModuleBuilder {
    name: Arc<str>,
    doc: Arc<str>,
    base: Option<DynModule>,
    members: Vec<(Arc<str>, Member)>,
    problems: Vec<String>,
}

/// The doc and parameter names of a function added with
/// [`ModuleBuilder::function_with`]; a closure's parameters have no names of their own.
#[derive(Debug, Clone, Default)]
pub struct FunctionInfo {
    doc: Cow<'static, str>,
    params: Option<Vec<Cow<'static, str>>>,
}

impl FunctionInfo {
    /// No doc, parameters named `arg1`, `arg2`, ...
    pub fn new() -> Self {
        FunctionInfo::default()
    }

    /// The function's doc.
    pub fn doc(mut self, doc: impl Into<Cow<'static, str>>) -> Self {
        self.doc = doc.into();
        self
    }

    /// The parameters' names, in order; as many as the function has parameters.
    pub fn params<N: Into<Cow<'static, str>>>(
        mut self,
        names: impl IntoIterator<Item = N>,
    ) -> Self {
        self.params = Some(names.into_iter().map(Into::into).collect());
        self
    }
}

impl ModuleBuilder {
    /// A module named `name`, empty.
    pub fn new(name: impl Into<Arc<str>>) -> Self {
        ModuleBuilder {
            name: name.into(),
            doc: Arc::from(""),
            base: None,
            members: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Starts from every member of `base` (inheritance): members added to this builder
    /// replace those of the same name, in their place; new ones follow.
    pub fn extend(mut self, base: &DynModule) -> Self {
        if self.doc.is_empty() {
            self.doc = Arc::from(base.doc());
        }
        self.base = Some(base.clone());
        self
    }

    /// The module's doc.
    pub fn doc(mut self, doc: impl Into<Arc<str>>) -> Self {
        self.doc = doc.into();
        self
    }

    /// A constant. A value that does not convert (a `u64` above `i64::MAX`) is reported by
    /// `build()`.
    pub fn constant(mut self, name: impl Into<Arc<str>>, value: impl IntoValue) -> Self {
        let name = name.into();
        match value.into_value() {
            Ok(value) => self.members.push((name, Member::Constant(value))),
            Err(error) => self
                .problems
                .push(format!("constant `{name}` is not a value: {error}")),
        }
        self
    }

    /// A function: any closure or `fn` of up to 8 parameters that read from a
    /// [`Value`](super::Value) (`i64`, `f64`, `bool`, `String`, `Vec<T>`, `Option<T>`, maps,
    /// tuples, `Value`), returning a value or a `Result` whose error is `Display`.
    /// Parameters are named `arg1`, `arg2`, ...; [`ModuleBuilder::function_with`] names them.
    pub fn function<M>(self, name: impl Into<Arc<str>>, function: impl IntoFunction<M>) -> Self {
        self.function_with(name, FunctionInfo::new(), function)
    }

    /// A function with its doc and parameter names.
    pub fn function_with<M>(
        mut self,
        name: impl Into<Arc<str>>,
        info: FunctionInfo,
        function: impl IntoFunction<M>,
    ) -> Self {
        let name = name.into();
        let (mut params, ret, body) = function.into_parts();
        if let Some(names) = info.params {
            if names.len() == params.len() {
                params = params
                    .into_iter()
                    .zip(names)
                    .map(|(param, name)| Parameter::new(name, param.ty().to_owned()))
                    .collect();
            } else {
                self.problems.push(format!(
                    "function `{name}` has {} parameters but {} names were given",
                    params.len(),
                    names.len()
                ));
            }
        }
        let signature = Signature::new(name.to_string(), params, ret, info.doc);
        let function = Function::new(Arc::clone(&self.name), signature, body);
        self.members.push((name, Member::Function(function)));
        self
    }

    /// A function over [`Value`](super::Value)s with the signature given: for functions
    /// whose types are known only at run time (a script's, loaded from bytecode). The body
    /// checks its arguments itself ([`Fault::arity`], [`Fault::argument`]); the signature
    /// is what callers read and what errors show.
    pub fn function_values(
        mut self,
        signature: Signature,
        body: impl Fn(&[super::Value]) -> Result<super::Value, Fault> + Send + Sync + 'static,
    ) -> Self {
        let name: Arc<str> = Arc::from(signature.name());
        let body: Arc<Body> = Arc::new(body);
        let function = Function::new(Arc::clone(&self.name), signature, body);
        self.members.push((name, Member::Function(function)));
        self
    }

    /// A function made elsewhere (by another module), added under `name`.
    pub fn function_from(mut self, name: impl Into<Arc<str>>, function: &Function) -> Self {
        let name = name.into();
        let function = if function.name() == &*name {
            function.clone()
        } else {
            function.renamed(Arc::clone(&name))
        };
        self.members.push((name, Member::Function(function)));
        self
    }

    /// A nested module, under its own name.
    pub fn submodule(mut self, module: DynModule) -> Self {
        self.members
            .push((Arc::clone(module.name_arc()), Member::Module(module)));
        self
    }

    /// The module.
    ///
    /// # Errors
    ///
    /// Every problem at once: a name that is not an identifier, two members of one name, a
    /// constant that did not convert, parameter names that do not match.
    pub fn build(self) -> Result<DynModule, BuildError> {
        let ModuleBuilder {
            name,
            doc,
            base,
            members,
            mut problems,
        } = self;
        if let Some(why) = not_an_identifier(&name) {
            problems.push(format!("the module's name `{name}` {why}"));
        }
        let mut all: Vec<(Arc<str>, Member)> = base
            .as_ref()
            .map(|base| base.member_entries().to_vec())
            .unwrap_or_default();
        let inherited = all.len();
        for (member_name, member) in members {
            if let Some(why) = not_an_identifier(&member_name) {
                problems.push(format!("member `{member_name}` {why}"));
            }
            match all
                .iter()
                .position(|(existing, _)| *existing == member_name)
            {
                // Replacing an inherited member is what `extend` is for.
                Some(position) if position < inherited => all[position] = (member_name, member),
                Some(position) => problems.push(format!(
                    "two members are named `{member_name}` (a {} and a {}); rename one",
                    all[position].1.kind(),
                    member.kind()
                )),
                None => all.push((member_name, member)),
            }
        }
        if problems.is_empty() {
            Ok(DynModule::from_parts(name, doc, all))
        } else {
            Err(BuildError::new(name.to_string(), problems))
        }
    }
}

/// Why `name` is not an identifier, if it is not: what a script or a Rust path could name.
pub(crate) fn not_an_identifier(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => Some("is empty; give it a name"),
        Some(first) if !(first.is_alphabetic() || first == '_') => {
            Some("must start with a letter or `_`")
        }
        _ if name == "_" => Some("cannot be `_` alone"),
        _ if !chars.all(|char| char.is_alphanumeric() || char == '_') => {
            Some("may hold only letters, digits and `_`")
        }
        _ => None,
    }
}
