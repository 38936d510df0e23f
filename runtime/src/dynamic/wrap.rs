//! Middleware around every function of a module: [`DynModule::wrap`], and
//! [`DynModule::instrumented`] (feature `tracing`).

use std::sync::Arc;

use super::error::CallError;
use super::function::{Body, Fault, Function};
use super::module::{DynModule, Member};
use super::value::Value;

/// The call a middleware is asked to run: which function, with which arguments.
pub struct Call<'a> {
    function: &'a Function,
    args: &'a [Value],
}

impl<'a> Call<'a> {
    /// The function's module (`math` in `math::add`).
    pub fn module(&self) -> &str {
        self.function.module_name()
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        self.function.name()
    }

    /// The function: its signature, and a handle to call it again.
    pub fn function(&self) -> &'a Function {
        self.function
    }

    /// The arguments.
    pub fn args(&self) -> &'a [Value] {
        self.args
    }
}

/// The rest of the chain: the wrapped function (or the next middleware).
pub struct Next<'a> {
    function: &'a Function,
}

impl Next<'_> {
    /// Runs the wrapped function with `args` (usually the call's own, perhaps changed).
    ///
    /// # Errors
    ///
    /// The wrapped function's [`CallError`].
    pub fn run(self, args: &[Value]) -> Result<Value, CallError> {
        self.function.call(args)
    }
}

impl DynModule {
    /// The same module with `middleware` around each function, submodules included: the
    /// run-time twin of `#[instrument]`'s transformation. The middleware gets the call (its
    /// function and arguments) and `next`, which runs the function; it may change the
    /// arguments, the result or the error, or not call `next` at all.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use modsmith_runtime::dynamic::ModuleBuilder;
    ///
    /// let math = ModuleBuilder::new("math").function("add", |a: i64, b: i64| a + b).build()?;
    /// let log = Arc::new(Mutex::new(Vec::new()));
    /// let seen = Arc::clone(&log);
    /// let logged = math.wrap(move |call, next| {
    ///     seen.lock().unwrap().push(format!("{}::{}", call.module(), call.name()));
    ///     next.run(call.args())
    /// });
    /// logged.call("add", &[1.into(), 2.into()])?;
    /// assert_eq!(*log.lock().unwrap(), ["math::add"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wrap<M>(&self, middleware: M) -> DynModule
    where
        M: Fn(&Call<'_>, Next<'_>) -> Result<Value, CallError> + Send + Sync + 'static,
    {
        self.wrap_shared(&Arc::new(middleware))
    }

    fn wrap_shared<M>(&self, middleware: &Arc<M>) -> DynModule
    where
        M: Fn(&Call<'_>, Next<'_>) -> Result<Value, CallError> + Send + Sync + 'static,
    {
        let members = self
            .member_entries()
            .iter()
            .map(|(name, member)| {
                let member = match member {
                    Member::Function(function) => Member::Function(wrapped(function, middleware)),
                    Member::Module(module) => Member::Module(module.wrap_shared(middleware)),
                    Member::Constant(value) => Member::Constant(value.clone()),
                };
                (Arc::clone(name), member)
            })
            .collect();
        DynModule::from_parts(Arc::clone(self.name_arc()), Arc::from(self.doc()), members)
    }
}

/// `function` with `middleware` around it, under the same name and signature.
fn wrapped<M>(function: &Function, middleware: &Arc<M>) -> Function
where
    M: Fn(&Call<'_>, Next<'_>) -> Result<Value, CallError> + Send + Sync + 'static,
{
    let inner = function.clone();
    let middleware = Arc::clone(middleware);
    let body = move |args: &[Value]| -> Result<Value, Fault> {
        let call = Call {
            function: &inner,
            args,
        };
        middleware(&call, Next { function: &inner }).map_err(Fault::call)
    };
    Function::new(
        Arc::clone(function.module_name()),
        function.signature().clone(),
        Arc::new(body) as Arc<Body>,
    )
}

#[cfg(feature = "tracing")]
impl DynModule {
    /// The same module with each call in a `tracing` span named `call`, with the fields
    /// `function` (`math::add`) and `args` (`a = 1, b = 2`). Arguments whose parameter
    /// names look like secrets (`password`, `token`, `api_key`, ...) are recorded as `***`,
    /// by the rule `#[instrument]` follows. A failed call records its error in an event
    /// at `ERROR` level inside the span.
    #[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
    pub fn instrumented(&self) -> DynModule {
        self.wrap(|call, next| {
            let span = tracing::info_span!(
                "call",
                function = %format_args!("{}::{}", call.module(), call.name()),
                args = %RecordedArgs(call),
            );
            let _entered = span.enter();
            let result = next.run(call.args());
            if let Err(error) = &result {
                tracing::error!(error = %error, "call failed");
            }
            result
        })
    }
}

/// A call's arguments as `name = value, ...`, secrets redacted.
#[cfg(feature = "tracing")]
struct RecordedArgs<'c, 'a>(&'c Call<'a>);

#[cfg(feature = "tracing")]
impl std::fmt::Display for RecordedArgs<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params = self.0.function().signature().params();
        for (index, value) in self.0.args().iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            let name = params.get(index).map_or("?", |param| param.name());
            if modsmith_rules::redact::is_secret_name(name) {
                write!(f, "{name} = {}", crate::instrument::REDACTED)?;
            } else {
                write!(f, "{name} = {value:?}")?;
            }
        }
        Ok(())
    }
}
