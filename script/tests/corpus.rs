//! The corpus of script programs (`tests/scripts/corpus`) holds what the parity test assumes
//! when it compiles each program with `script!` and runs every `pub` function in the native
//! back end, the reference interpreter and the VM with random arguments:
//!
//! - a program checks with no diagnostic at all: `script!` turns the checker's warnings into
//!   Rust warnings, and CI denies warnings;
//! - it compiles to bytecode, so the VM can run it;
//! - its module is named after its file (`pricing.ms` holds `module pricing`), the name of
//!   the Rust module the test calls;
//! - it declares no host functions: the parity test binds none;
//! - there are enough programs (at least [`MIN_PROGRAMS`]) for the comparison to reach every
//!   construct of the language.
//!
//! A smoke run also calls each `pub` function with a few fixed arguments in the VM and in the
//! reference interpreter: the two agree (values, or the same script error), no call hits a
//! VM limit (but those [`UNBOUNDED`] names) or an internal error, and each function gives a
//! value for at least one of the arguments, so that no program is dead weight that only
//! ever fails.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use modsmith_script::interp::{self, RunError};
use modsmith_script::ir::{Program as Checked, Type};
use modsmith_script::{Script, Value, VmError, check_text, render};

/// How many programs the corpus holds at least.
const MIN_PROGRAMS: usize = 31;

/// Functions that recurse as deep as their argument asks, so that a huge argument reaches
/// the call-depth limit (and natively, the end of the stack): the parity test narrows their
/// arguments. Every other function returns within the VM's limits for any argument.
const UNBOUNDED: &[(&str, &str)] = &[("arith.ms", "fib")];

/// A program of the corpus: its file name, the file's stem and its text.
struct Source {
    file: String,
    stem: String,
    text: String,
}

/// Every `*.ms` file of the corpus, in file-name order.
fn corpus() -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scripts/corpus");
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read the corpus {}: {error}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|extension| extension == "ms"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            let name = |part: Option<&std::ffi::OsStr>| {
                part.and_then(|part| part.to_str())
                    .unwrap_or_else(|| panic!("{} is not named in UTF-8", path.display()))
                    .to_owned()
            };
            Source {
                file: name(path.file_name()),
                stem: name(path.file_stem()),
                text,
            }
        })
        .collect()
}

#[test]
fn the_corpus_has_enough_programs() {
    let count = corpus().len();
    assert!(
        count >= MIN_PROGRAMS,
        "the corpus has {count} programs; the parity test needs at least {MIN_PROGRAMS}"
    );
}

#[test]
fn every_program_checks_cleanly_and_compiles() {
    let mut failures = Vec::new();
    for source in corpus() {
        let (program, diagnostics) = check_text(&source.text);
        if !diagnostics.is_empty() {
            failures.push(format!(
                "{}: the checker reports (warnings too fail: `script!` makes them Rust \
                 warnings):\n{}",
                source.file,
                render(&source.file, &source.text, &diagnostics)
            ));
        }
        let Some(program) = program else {
            continue;
        };
        if program.name != source.stem {
            failures.push(format!(
                "{}: the module is `{}`; name it `{}` after its file",
                source.file, program.name, source.stem
            ));
        }
        if !program.host.is_empty() {
            failures.push(format!(
                "{}: declares host functions; the parity test binds none: remove the \
                 `host {{ .. }}` section",
                source.file
            ));
        }
        if let Err(error) = Script::compile_named(&source.file, &source.text) {
            failures.push(format!("{}: no bytecode:\n{error}", source.file));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn every_public_function_runs_alike_in_the_vm_and_the_interpreter() {
    let mut failures = Vec::new();
    for source in corpus() {
        // A program that does not check or compile is the test above's failure.
        let (Some(program), _) = check_text(&source.text) else {
            continue;
        };
        let Ok(compiled) = Script::compile_named(&source.file, &source.text) else {
            continue;
        };
        for function in program.functions.iter().filter(|function| function.public) {
            let name = &function.signature.name;
            let mut gave_value = false;
            for shape in Shape::ALL {
                let mut samples = Samples { shape, next: 0 };
                let args: Vec<Value> = function
                    .signature
                    .params
                    .iter()
                    .map(|(_, ty)| samples.value(&program, ty))
                    .collect();
                let vm = compiled.call(name, &args);
                let reference = interp::run(
                    &program,
                    Some(&source.text),
                    &mut |_, _| Value::Unit,
                    name,
                    args.clone(),
                );
                match (vm, reference) {
                    (Ok(vm), Ok(reference)) if same(&vm, &reference) => gave_value = true,
                    (Err(VmError::Script(vm)), Err(RunError::Script(reference)))
                        if vm == reference => {}
                    (Err(VmError::TooDeep { .. }), Err(RunError::TooDeep))
                        if UNBOUNDED.contains(&(source.file.as_str(), name.as_str())) => {}
                    (vm, reference) => failures.push(format!(
                        "{}: `{name}` with {args:?}:\n  VM:          {vm:?}\n  interpreter: \
                         {reference:?}",
                        source.file
                    )),
                }
            }
            if !gave_value {
                failures.push(format!(
                    "{}: `{name}` fails for every sample argument: make it give a value on \
                     ordinary input",
                    source.file
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Equal values, a NaN being equal to a NaN (`Value`'s `PartialEq` is `f64`'s).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
        (Value::List(a), Value::List(b)) | (Value::Record(a), Value::Record(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Map(a), Value::Map(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
        }
        (Value::Option(Some(a)), Value::Option(Some(b))) => same(a, b),
        _ => a == b,
    }
}

/// The kinds of sample argument each function is called with.
#[derive(Clone, Copy)]
enum Shape {
    /// Small positive numbers, words the programs know, three elements.
    Typical,
    /// Zeros, empty text and collections, `none`.
    Empty,
    /// Negative numbers, one element.
    Negative,
    /// The extremes of `int` and huge floats, five elements.
    Extreme,
}

impl Shape {
    const ALL: [Shape; 4] = [
        Shape::Typical,
        Shape::Empty,
        Shape::Negative,
        Shape::Extreme,
    ];

    fn elements(self) -> usize {
        match self {
            Shape::Typical => 3,
            Shape::Empty => 0,
            Shape::Negative => 1,
            Shape::Extreme => 5,
        }
    }
}

/// Sample arguments of one shape; successive scalars differ, so that two parameters of one
/// type do not always get the same value.
struct Samples {
    shape: Shape,
    next: usize,
}

impl Samples {
    fn pick<T: Clone>(&mut self, choices: &[T]) -> T {
        let at = self.next % choices.len();
        self.next += 1;
        choices[at].clone()
    }

    fn value(&mut self, program: &Checked, ty: &Type) -> Value {
        match ty {
            Type::Int => Value::Int(match self.shape {
                Shape::Typical => self.pick(&[12, 3, 7, 2, 5, 40, 1, 9, 250, 4]),
                Shape::Empty => 0,
                Shape::Negative => self.pick(&[-3, -1, -12]),
                Shape::Extreme => self.pick(&[i64::MAX, i64::MIN, 3_000_000_000_000]),
            }),
            Type::Float => Value::Float(match self.shape {
                Shape::Typical => self.pick(&[2.5, 10.0, 0.75, 4.0, 1.5, 38.5]),
                Shape::Empty => 0.0,
                Shape::Negative => self.pick(&[-1.5, -20.0]),
                Shape::Extreme => self.pick(&[1e300, -1e300, 1e19]),
            }),
            Type::Bool => Value::Bool(match self.shape {
                Shape::Typical | Shape::Negative => self.pick(&[true, false]),
                Shape::Empty => false,
                Shape::Extreme => true,
            }),
            Type::Str => Value::Str(self.word()),
            Type::List(element) => Value::List(
                (0..self.shape.elements())
                    .map(|_| self.value(program, element))
                    .collect(),
            ),
            Type::Map(value) => {
                let mut map = BTreeMap::new();
                for _ in 0..self.shape.elements() {
                    let key = self.word();
                    let value = self.value(program, value);
                    map.insert(key, value);
                }
                Value::Map(map)
            }
            Type::Option(value) => Value::Option(match self.shape {
                Shape::Empty => None,
                _ => Some(Box::new(self.value(program, value))),
            }),
            Type::Record(index, _) => Value::Record(
                program.records[*index]
                    .fields
                    .iter()
                    .map(|(_, ty)| self.value(program, ty))
                    .collect(),
            ),
            Type::Unit | Type::Error => Value::Unit,
        }
    }

    fn word(&mut self) -> String {
        let word = match self.shape {
            Shape::Typical => self.pick(&["gold", "a", "timer", "deposit", "b", "red", "eu"]),
            Shape::Empty => "",
            Shape::Negative => self.pick(&["withdraw", "é b"]),
            Shape::Extreme => self.pick(&["a much longer line of text, with punctuation!", "Z"]),
        };
        word.to_owned()
    }
}
