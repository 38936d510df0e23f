//! The script language's bytecode VM against the same programs compiled to Rust, in rhai and
//! in CPython, in one criterion run so the figures compare (issue 17). Goals: the VM at least
//! twice as fast as CPython and as rhai on each program, and `Script::compile` of a program
//! of about 1,000 lines faster than CPython's `compile()` of the same program.
//!
//! Programs (`scripts/script_vm.ms`): `fib(27)`, recursive; summing `0..10^7` in a loop;
//! building `"0,1,..,99999,"` with one `+=` per piece; the pricing rules (the sum of
//! `cents * qty` over 10^5 records, then a discount by a `match` on the tier, as in
//! `tests/scripts/pricing.ms`). Each system's data is made once, before timing.
//!
//! - **VM**: `Instance::call` with arguments made once as `Value`s; their conversion into
//!   the VM's registers happens inside `call`, so it is timed (an embedder pays it: for
//!   the pricing rules, 10^5 records per call). Fuel unlimited, other limits the defaults.
//!   `count(items)`, which returns `len(items)`, is timed too: the records' conversion and
//!   drop without the loop.
//! - **native**: the same file compiled by `modsmith::script!`, the limit a VM approaches;
//!   records passed as `&[Item]`.
//! - **rhai**: the same algorithms in rhai script functions of one `AST` compiled once,
//!   called with `Engine::call_fn`; records are rhai maps. The array of records is passed
//!   as a shared value (no copy per call); rhai's `for item in items` copies the array it
//!   walks, so the pricing rules are also measured with an indexed loop (`items[i].cents`),
//!   which copies nothing.
//! - **CPython** (`python3`, `python/script_vm.py`): one process per program, started
//!   before timing, runs the program the number of times criterion asks (`iter_custom`)
//!   and answers the seconds measured inside Python with `time.perf_counter()`, so start-up
//!   is not timed. Records are dicts (`item["cents"]`), also measured as tuples; the string
//!   is also built with `"".join`. Skipped, with a message, when `python3` is missing.
//!
//! Compile: a generated program of 99 functions (`script_vm/twin_sources.rs`, about 1,000
//! lines) and its Python twin; `Script::compile` (lex, parse, check, compile to bytecode,
//! verify) against `compile(src, "<bench>", "exec")`.
//!
//! Before timing, every system's result is checked against the VM's. Run with `cargo bench
//! --bench script_vm` from `benches/peers`; medians are in
//! `target/criterion/<group>/<system>/new/estimates.json`, figures in `../RESULTS.md`.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use modsmith_script::{Host, Instance, Limits, Script, Value};
use rhai::{AST, Dynamic, Engine, ImmutableString, Scope};

#[path = "script_vm/twin_sources.rs"]
mod twin_sources;

modsmith::script!(pub file = "scripts/script_vm.ms");

/// The text `script!` compiles above, for the VM.
const SCRIPT: &str = include_str!("../scripts/script_vm.ms");

/// The same algorithms in rhai.
const RHAI: &str = r#"
fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn sum_to(n) {
    let sum = 0;
    for i in 0..n { sum += i; }
    sum
}
fn build(n) {
    let out = "";
    for i in 0..n {
        out += to_string(i);
        out += ",";
    }
    out
}
fn total(items, tier) {
    let sum = 0;
    for item in items { sum += item.cents * item.qty; }
    switch tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
}
fn total_indexed(items, tier) {
    let sum = 0;
    for i in 0..items.len() { sum += items[i].cents * items[i].qty; }
    switch tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
}
"#;

const FIB: i64 = 27;
const SUM: i64 = 10_000_000;
const BUILD: i64 = 100_000;
const ITEMS: i64 = 100_000;
/// Groups of nine functions in the compile benchmark's program.
const GROUPS: usize = 11;

/// The records of every system: name `item {i}`, cents `100 + i % 900`, qty `1 + i % 5`
/// (as `python/script_vm.py` makes them).
fn records() -> impl Iterator<Item = (String, i64, i64)> {
    (0..ITEMS).map(|i| (format!("item {i}"), 100 + i % 900, 1 + i % 5))
}

/// A `python3` process running one program of `python/script_vm.py`.
struct Python {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// What the program printed as its result, to compare with the VM's.
    check: String,
}

impl Python {
    fn start(program: &str, source: Option<&Path>) -> Result<Python, String> {
        let harness = concat!(env!("CARGO_MANIFEST_DIR"), "/python/script_vm.py");
        let mut command = Command::new("python3");
        command.arg(harness).arg(program);
        if let Some(source) = source {
            command.arg(source);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("python3 could not be started ({error})"))?;
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut ready = String::new();
        stdout
            .read_line(&mut ready)
            .map_err(|error| format!("python3 did not answer ({error})"))?;
        let check = ready
            .strip_prefix("ready ")
            .ok_or_else(|| format!("python3 {program}: expected `ready ..`, read {ready:?}"))?
            .trim()
            .to_owned();
        Ok(Python {
            child,
            stdin,
            stdout,
            check,
        })
    }

    /// The time of `iterations` runs, measured inside Python.
    fn time(&mut self, iterations: u64) -> Duration {
        let stdin = self.stdin.as_mut().expect("stdin open until drop");
        writeln!(stdin, "{iterations}").expect("python3 reads");
        stdin.flush().expect("python3 reads");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("python3 answers");
        let seconds: f64 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("python3 answered {line:?}, not seconds"));
        Duration::from_secs_f64(seconds)
    }
}

impl Drop for Python {
    fn drop(&mut self) {
        // End of input ends the loop of the harness.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// `python3` running `program`, or `None` with a message saying the system is skipped.
fn python(program: &str, source: Option<&Path>) -> Option<Python> {
    match Python::start(program, source) {
        Ok(python) => Some(python),
        Err(why) => {
            println!("CPython skipped for `{program}`: {why}");
            None
        }
    }
}

/// Times `program` in CPython, after checking its result is `expected`.
fn bench_python(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    program: &str,
    source: Option<&Path>,
    expected: &str,
) {
    let Some(mut python) = python(program, source) else {
        return;
    };
    assert_eq!(
        python.check, expected,
        "CPython's `{program}` gave another result than the VM"
    );
    group.bench_function(name, |b| {
        b.iter_custom(|iterations| python.time(iterations))
    });
}

fn vm() -> Instance {
    let program = Script::compile(SCRIPT).unwrap_or_else(|error| panic!("{error}"));
    program
        .instance(Host::new())
        .unwrap_or_else(|error| panic!("{error}"))
        .with_limits(Limits {
            fuel: u64::MAX,
            ..Limits::default()
        })
}

fn rhai() -> (Engine, AST) {
    let engine = Engine::new();
    let ast = engine
        .compile(RHAI)
        .unwrap_or_else(|error| panic!("the rhai script: {error}"));
    (engine, ast)
}

fn slow_group<'c>(c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    // Ten samples of a fixed number of runs each: a slow system (0.5 s a run) finishes in
    // seconds, where linear sampling would take 55 runs at least.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    group
}

fn fib(c: &mut Criterion) {
    let vm = vm();
    let (engine, ast) = rhai();
    let args = [Value::Int(FIB)];
    let expected = vm.call("fib", &args).expect("the VM runs fib");
    let Value::Int(expected) = expected else {
        panic!("fib gave {expected:?}");
    };
    let mut scope = Scope::new();
    let rhai_result: i64 = engine
        .call_fn(&mut scope, &ast, "fib", (FIB,))
        .expect("rhai runs fib");
    assert_eq!(programs::fib(FIB).ok(), Some(expected), "native fib");
    assert_eq!(rhai_result, expected, "rhai fib");

    let mut group = slow_group(c, "fib(27)");
    group.bench_function("VM", |b| b.iter(|| vm.call("fib", black_box(&args))));
    group.bench_function("native", |b| b.iter(|| programs::fib(black_box(FIB))));
    group.bench_function("rhai", |b| {
        b.iter(|| engine.call_fn::<i64>(&mut scope, &ast, "fib", (black_box(FIB),)))
    });
    bench_python(&mut group, "CPython", "fib", None, &expected.to_string());
    group.finish();
}

fn sum(c: &mut Criterion) {
    let vm = vm();
    let (engine, ast) = rhai();
    let args = [Value::Int(SUM)];
    let expected = vm.call("sum_to", &args).expect("the VM runs sum_to");
    let Value::Int(expected) = expected else {
        panic!("sum_to gave {expected:?}");
    };
    let mut scope = Scope::new();
    let rhai_result: i64 = engine
        .call_fn(&mut scope, &ast, "sum_to", (SUM,))
        .expect("rhai runs sum_to");
    assert_eq!(programs::sum_to(SUM).ok(), Some(expected), "native sum_to");
    assert_eq!(rhai_result, expected, "rhai sum_to");

    let mut group = slow_group(c, "sum 0..10^7");
    group.bench_function("VM", |b| b.iter(|| vm.call("sum_to", black_box(&args))));
    group.bench_function("native", |b| b.iter(|| programs::sum_to(black_box(SUM))));
    group.bench_function("rhai", |b| {
        b.iter(|| engine.call_fn::<i64>(&mut scope, &ast, "sum_to", (black_box(SUM),)))
    });
    bench_python(&mut group, "CPython", "sum_to", None, &expected.to_string());
    group.finish();
}

fn build(c: &mut Criterion) {
    let vm = vm();
    let (engine, ast) = rhai();
    let args = [Value::Int(BUILD)];
    let expected = vm.call("build", &args).expect("the VM runs build");
    let Value::Str(expected) = expected else {
        panic!("build gave {expected:?}");
    };
    let mut scope = Scope::new();
    let rhai_result: ImmutableString = engine
        .call_fn(&mut scope, &ast, "build", (BUILD,))
        .expect("rhai runs build");
    assert_eq!(programs::build(BUILD), expected, "native build");
    assert_eq!(rhai_result.as_str(), expected, "rhai build");
    // Python checks the length (`len` counts characters; these are ASCII).
    let length = expected.len().to_string();

    let mut group = slow_group(c, "build 10^5");
    group.bench_function("VM", |b| b.iter(|| vm.call("build", black_box(&args))));
    group.bench_function("native", |b| b.iter(|| programs::build(black_box(BUILD))));
    group.bench_function("rhai", |b| {
        b.iter(|| engine.call_fn::<ImmutableString>(&mut scope, &ast, "build", (black_box(BUILD),)))
    });
    bench_python(&mut group, "CPython", "build", None, &length);
    bench_python(&mut group, "CPython join", "build_join", None, &length);
    group.finish();
}

fn pricing(c: &mut Criterion) {
    let vm = vm();
    let (engine, ast) = rhai();
    let vm_items = Value::List(
        records()
            .map(|(name, cents, qty)| {
                Value::Record(vec![Value::Str(name), Value::Int(cents), Value::Int(qty)])
            })
            .collect(),
    );
    let args = [vm_items, Value::Str("gold".into())];
    let native: Vec<programs::Item> = records()
        .map(|(name, cents, qty)| programs::Item { name, cents, qty })
        .collect();
    let rhai_items = Dynamic::from_array(
        records()
            .map(|(name, cents, qty)| {
                let mut map = rhai::Map::new();
                map.insert("name".into(), name.into());
                map.insert("cents".into(), cents.into());
                map.insert("qty".into(), qty.into());
                Dynamic::from_map(map)
            })
            .collect(),
    )
    .into_shared();

    let expected = vm.call("total", &args).expect("the VM runs total");
    let Value::Int(expected) = expected else {
        panic!("total gave {expected:?}");
    };
    let mut scope = Scope::new();
    let mut rhai_total = |function: &str| -> i64 {
        engine
            .call_fn(&mut scope, &ast, function, (rhai_items.clone(), "gold"))
            .unwrap_or_else(|error| panic!("rhai runs {function}: {error}"))
    };
    assert_eq!(rhai_total("total"), expected, "rhai total");
    assert_eq!(rhai_total("total_indexed"), expected, "rhai total_indexed");
    assert_eq!(
        programs::total(&native, "gold").ok(),
        Some(expected),
        "native total"
    );

    let mut group = slow_group(c, "pricing 10^5");
    group.bench_function("VM", |b| b.iter(|| vm.call("total", black_box(&args))));
    // The records converted into the VM's values once (as each other system's data is made
    // once): the call shares them.
    let prepared = vm.prepare("total", &args).expect("the records fit");
    assert_eq!(prepared.call(), Ok(Value::Int(expected)), "VM prepared");
    group.bench_function("VM prepared", |b| b.iter(|| black_box(&prepared).call()));
    // The part of the first that is the records' conversion into the VM and their drop.
    let count_args = [args[0].clone()];
    assert_eq!(
        vm.call("count", &count_args),
        Ok(Value::Int(ITEMS)),
        "VM count"
    );
    group.bench_function("VM count(items) only", |b| {
        b.iter(|| vm.call("count", black_box(&count_args)))
    });
    group.bench_function("native", |b| {
        b.iter(|| programs::total(black_box(&native), black_box("gold")))
    });
    for (name, function) in [("rhai", "total"), ("rhai indexed", "total_indexed")] {
        group.bench_function(name, |b| {
            b.iter(|| {
                engine.call_fn::<i64>(
                    &mut scope,
                    &ast,
                    function,
                    (black_box(&rhai_items).clone(), "gold"),
                )
            })
        });
    }
    let expected = expected.to_string();
    bench_python(&mut group, "CPython dicts", "total_dicts", None, &expected);
    bench_python(
        &mut group,
        "CPython tuples",
        "total_tuples",
        None,
        &expected,
    );
    group.finish();
}

fn compile(c: &mut Criterion) {
    let sources = twin_sources::twin_sources(GROUPS);
    // Both texts are written beside the build's other temporary files, to be read.
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let script_file = folder.join("script_vm_generated.ms");
    let python_file = folder.join("script_vm_generated.py");
    std::fs::write(&script_file, &sources.script).expect("writes the generated script");
    std::fs::write(&python_file, &sources.python).expect("writes the generated Python");
    let program = Script::compile(&sources.script).unwrap_or_else(|error| {
        panic!(
            "the generated script ({}) does not compile:\n{error}",
            script_file.display()
        )
    });
    let functions = program.image().functions.len();
    assert_eq!(functions, sources.functions, "functions in the script");
    println!(
        "compile: the script has {} lines, {} bytes, {} functions; Python {} lines, {} bytes",
        sources.script.lines().count(),
        sources.script.len(),
        functions,
        sources.python.lines().count(),
        sources.python.len(),
    );
    let start = Instant::now();
    drop(black_box(Script::compile(&sources.script)));
    println!("compile: one Script::compile took {:?}", start.elapsed());

    let mut group = slow_group(c, "compile 1,000 lines");
    group.bench_function("VM Script::compile", |b| {
        b.iter(|| Script::compile(black_box(&sources.script)))
    });
    bench_python(
        &mut group,
        "CPython compile()",
        "compile",
        Some(&python_file),
        &sources.functions.to_string(),
    );
    group.finish();
}

criterion_group!(benches, fib, sum, build, pricing, compile);
criterion_main!(benches);
