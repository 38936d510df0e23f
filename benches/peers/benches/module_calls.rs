//! One call of `add(i64, i64) -> i64` inside a module of 50 functions, from Rust, through
//! modsmith and through rhai, in one criterion run so the figures compare:
//!
//! - modsmith, a [`Function`] handle: `add.call(&[a.into(), b.into()])`, the result read as
//!   an `i64` (as rhai's `call::<i64>` returns one).
//! - modsmith, by name: `module.call("add", &[a.into(), b.into()])`, read the same way.
//! - rhai `call_fn`, script fn: `engine.call_fn::<i64>(&mut scope, &ast, "add", (a, b))`,
//!   where `ast` defines `fn add(a, b) { a + b }` and 49 other script functions. rhai looks
//!   the function up by name and interprets its body; the nearest rhai has to calling a
//!   module's function by name from Rust, since `call_fn` reaches script functions only.
//! - rhai `FnPtr`, native fn: `FnPtr::new("add")` made once, then
//!   `add.call::<i64>(&engine, &ast, (a, b))`, where `add` and 49 others are registered
//!   with `register_fn`: a by-name call of a native Rust function, the closest equivalent of
//!   modsmith's by-name call (the name is resolved on every call).
//! - rhai script calling native fn: a precompiled one-line script `add(a, b)`, evaluated
//!   with `eval_ast_with_scope` in a scope whose `a` and `b` are set each iteration with
//!   `set_value`; `add` is the registered native function. What a call costs when a script
//!   is the caller.
//!
//! Before criterion runs, a counting allocator prints the heap allocations per call of each
//! (10,000 calls). Python's figure for the same call is `python_module_call.sh` beside this.
//! Run with `cargo bench --bench module_calls` from `benches/peers`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::dynamic::{DynModule, Function, ModuleBuilder};
use rhai::{AST, Engine, EvalAltResult, FnPtr, Scope};

#[path = "../../support/module_calls.rs"]
mod shared;

use shared::{allocations_per_call, other_names};

#[inline(never)]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

fn modsmith_module() -> DynModule {
    let mut builder = ModuleBuilder::new("bench");
    for (position, name) in other_names().enumerate() {
        if position == 24 {
            builder = builder.function("add", add);
        }
        let salt = position as i64;
        builder = builder.function(name, move |a: i64, b: i64| a ^ b ^ salt);
    }
    builder.build().expect("valid names")
}

/// An engine with `add` and 49 other native functions registered.
fn rhai_engine() -> Engine {
    let mut engine = Engine::new();
    for (position, name) in other_names().enumerate() {
        if position == 24 {
            engine.register_fn("add", add);
        }
        let salt = position as i64;
        engine.register_fn(name, move |a: i64, b: i64| a ^ b ^ salt);
    }
    engine
}

/// A script defining `add` and 49 other functions.
fn rhai_script_functions(engine: &Engine) -> AST {
    let mut source = String::new();
    for (position, name) in other_names().enumerate() {
        if position == 24 {
            source.push_str("fn add(a, b) { a + b }\n");
        }
        source.push_str(&format!("fn {name}(a, b) {{ a ^ b ^ {position} }}\n"));
    }
    engine.compile(source).expect("valid script")
}

/// The calls under test, each with its set-up.
struct Calls {
    module: DynModule,
    handle: Function,
    engine: Engine,
    script_functions: AST,
    empty: AST,
    native_ptr: FnPtr,
    script_caller: AST,
}

impl Calls {
    fn new() -> Calls {
        let module = modsmith_module();
        let handle = module.function("add").expect("add is a function");
        let engine = rhai_engine();
        let script_functions = rhai_script_functions(&engine);
        let empty = engine.compile("").expect("valid script");
        let native_ptr = FnPtr::new("add").expect("valid name");
        let script_caller = engine.compile("add(a, b)").expect("valid script");
        Calls {
            module,
            handle,
            engine,
            script_functions,
            empty,
            native_ptr,
            script_caller,
        }
    }

    /// The result read as the `i64` it is, as rhai's `call::<i64>` gives it.
    fn modsmith_handle(&self) -> Option<i64> {
        let (a, b) = (black_box(1_i64), black_box(2_i64));
        black_box(&self.handle)
            .call(&[a.into(), b.into()])
            .ok()?
            .as_int()
    }

    fn modsmith_by_name(&self) -> Option<i64> {
        let (a, b) = (black_box(1_i64), black_box(2_i64));
        black_box(&self.module)
            .call(black_box("add"), &[a.into(), b.into()])
            .ok()?
            .as_int()
    }

    fn rhai_call_fn(&self, scope: &mut Scope) -> Result<i64, Box<EvalAltResult>> {
        let (a, b) = (black_box(1_i64), black_box(2_i64));
        self.engine
            .call_fn::<i64>(scope, &self.script_functions, black_box("add"), (a, b))
    }

    fn rhai_fn_ptr_native(&self) -> Result<i64, Box<EvalAltResult>> {
        let (a, b) = (black_box(1_i64), black_box(2_i64));
        black_box(&self.native_ptr).call::<i64>(&self.engine, &self.empty, (a, b))
    }

    fn rhai_script_calls_native(&self, scope: &mut Scope) -> Result<i64, Box<EvalAltResult>> {
        let (a, b) = (black_box(1_i64), black_box(2_i64));
        scope.set_value("a", a).set_value("b", b);
        self.engine
            .eval_ast_with_scope::<i64>(scope, &self.script_caller)
    }
}

fn allocations(_: &mut Criterion) {
    let calls = Calls::new();
    let mut scope = Scope::new();
    // Printed, not asserted: a reader sees a wrong result next to the figures.
    println!(
        "results: modsmith handle {:?}, by name {:?}; rhai call_fn {:?}, FnPtr native {:?}, \
         script calling native {:?}",
        calls.modsmith_handle(),
        calls.modsmith_by_name(),
        calls.rhai_call_fn(&mut scope),
        calls.rhai_fn_ptr_native(),
        calls.rhai_script_calls_native(&mut scope),
    );
    let handle = allocations_per_call(|| {
        black_box(calls.modsmith_handle());
    });
    let by_name = allocations_per_call(|| {
        black_box(calls.modsmith_by_name());
    });
    let call_fn = allocations_per_call(|| drop(black_box(calls.rhai_call_fn(&mut scope))));
    let fn_ptr = allocations_per_call(|| drop(black_box(calls.rhai_fn_ptr_native())));
    let script = allocations_per_call(|| {
        drop(black_box(calls.rhai_script_calls_native(&mut scope)));
    });
    println!(
        "allocations per call, 10,000 calls: modsmith handle {handle}, by name {by_name}; \
         rhai call_fn {call_fn}, FnPtr native {fn_ptr}, script calling native {script}"
    );
}

fn module_calls(c: &mut Criterion) {
    let calls = Calls::new();
    let mut group = c.benchmark_group("add in a module of 50");
    group.bench_function("modsmith handle", |b| b.iter(|| calls.modsmith_handle()));
    group.bench_function("modsmith by name", |b| b.iter(|| calls.modsmith_by_name()));
    group.bench_function("rhai call_fn (script fn)", |b| {
        let mut scope = Scope::new();
        b.iter(|| calls.rhai_call_fn(&mut scope))
    });
    group.bench_function("rhai FnPtr::call (native fn)", |b| {
        b.iter(|| calls.rhai_fn_ptr_native())
    });
    group.bench_function("rhai script `add(a, b)` (native fn)", |b| {
        let mut scope = Scope::new();
        b.iter(|| calls.rhai_script_calls_native(&mut scope))
    });
    group.finish();
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = allocations, module_calls
}
criterion_main!(benches);
