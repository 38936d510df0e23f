//! The VM against the reference interpreter on random well-typed programs. Each case writes
//! a `module gen { .. }` that is well typed by construction (the generator tracks the type
//! of every expression it writes and the locals in scope), asserts that it checks without
//! errors, compiles it, round-trips the bytecode through `to_bytes`/`from_bytes`, and calls
//! every `pub` function with random arguments on the compiled program, on the reloaded
//! one and in the interpreter. All three must give the same value or the same
//! `ScriptError` (kind, function, line and column), and the VM must never report an
//! internal error. A limit the VM reaches (fuel, call depth, memory) is outside parity,
//! since the interpreter has none: that call is skipped.
//!
//! Programs are written from tapes of random choices rather than from a seed, so that
//! proptest shrinks a failure by dropping and shortening tapes: choice 0 is always the
//! simplest option, a used-up tape reads as zeros, and each function has a tape of its
//! own, so that dropping one leaves the others as they were. A failure shows the program
//! and its calls.
//!
//! Functions returning `str` also return a trace of their locals (`trace += to_str(x);`
//! after assignments, and every local at the end): a local the back ends disagree on
//! shows in the result even when nothing else reads it.
//!
//! The interpreter has no fuel, so every program must stop by construction: loops run on a
//! counter the body cannot assign, over a range clamped to a few steps, or over a list, and
//! functions call only the functions written before them. The VM runs first, with a fuel
//! limit, and the interpreter only when the VM finished within its limits, so a program
//! that would do too much costs a moment, not minutes.
//!
//! `PROPTEST_CASES` sets the count (256 by default, a few seconds in a debug build); the
//! full run: `PROPTEST_CASES=5000 cargo test -p modsmith-script --test vm_random`.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use modsmith_script::interp::{self, RunError};
use modsmith_script::{Host, Instance, Limits, Program, Script, Value, VmError, check_text};
use proptest::prelude::*;

/// Small enough that a runaway program is stopped in a debug build within a moment, large
/// enough that nearly every generated call finishes.
const LIMITS: Limits = Limits {
    fuel: 1_000_000,
    call_depth: 64,
    memory: 1 << 20,
};

/// How many argument lists each `pub` function is called with.
const CALLS_PER_FUNCTION: usize = 4;

/// How many times a statement may run per call of its function, at most: loops multiply
/// what their bodies cost.
const MAX_REPEAT: u64 = 64;

/// The most expressions a call of one function may evaluate, callees included, as the
/// generator estimates it: calls that would pass it are not written.
const MAX_COST: u64 = 20_000;

/// Bindings per function, at most: the bytecode has 256 registers a function.
const MAX_BINDINGS: usize = 120;

/// Whether `[]`, `none` and `map()` may stand where the checker knows no type for them
/// (`len(push([], 1))`). The checker accepts them with an unknown type and the
/// interpreter runs them, but the compiler makes code the verifier refuses; off until the
/// checker types them or refuses them, so that the property tests the rest.
const UNTYPED_EMPTIES: bool = false;

/// Strings of literals, patterns, map keys and arguments: the empty string, map keys that
/// lookups will find, a non-ASCII character (`len` counts characters) and escapes.
const STRINGS: &[&str] = &["a", "", "b", "k", "ab", "é", "x y", "a\"b", "line\nbreak"];

/// Map keys, few so that lookups and `contains` find them as often as not.
const KEYS: &[&str] = &["a", "b", "k"];

/// The local that functions returning `str` record their locals' values in.
const TRACE: &str = "trace";

/// Integer literals that overflow when added, multiplied, negated or divided by `-1`.
const BIG_INTS: &[&str] = &[
    "9223372036854775807",
    "(-9223372036854775808)",
    "4611686018427387904",
    "(-4611686018427387904)",
    "3037000500",
    "1000000007",
];

/// Float literals: exact and inexact ones, ones that overflow to infinity when multiplied,
/// and ones `to_int` refuses.
const FLOATS: &[f64] = &[
    0.5, 0.0, 1.0, 2.5, 0.1, 3.0, 123.456, 1e18, 9.3e18, 1e300, 1e-300,
];

/// A type of the language, as the generator tracks it.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    /// What a function without a result gives: never a value the generator writes.
    Unit,
    Int,
    Float,
    Bool,
    Str,
    List(Box<Ty>),
    Map(Box<Ty>),
    Option(Box<Ty>),
    /// The record `R{index}`.
    Record(usize),
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unit => f.write_str("()"),
            Ty::Int => f.write_str("int"),
            Ty::Float => f.write_str("float"),
            Ty::Bool => f.write_str("bool"),
            Ty::Str => f.write_str("str"),
            Ty::List(element) => write!(f, "list[{element}]"),
            Ty::Map(value) => write!(f, "map[str, {value}]"),
            Ty::Option(inner) => write!(f, "option[{inner}]"),
            Ty::Record(index) => write!(f, "R{index}"),
        }
    }
}

/// The random choices a program is written from: records and constants, one tape per
/// function, and the arguments.
#[derive(Clone)]
struct Choices {
    items: Vec<u32>,
    functions: Vec<Vec<u32>>,
    args: Vec<u32>,
}

/// Shown as the program it writes: what a failure's minimal input is worth reading as.
impl fmt::Debug for Choices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let case = Generator::new(self).program();
        writeln!(f, "the program:\n{}", case.source)?;
        for (name, args) in &case.calls {
            writeln!(f, "call `{name}` with {args:?}")?;
        }
        Ok(())
    }
}

fn choices() -> impl Strategy<Value = Choices> {
    let tape = |most: usize| proptest::collection::vec(any::<u32>(), 0..most);
    (
        tape(64),
        proptest::collection::vec(tape(1024), 1..=6),
        tape(512),
    )
        .prop_map(|(items, functions, args)| Choices {
            items,
            functions,
            args,
        })
}

/// One tape, read from its start.
struct Tape<'t> {
    choices: &'t [u32],
    at: usize,
}

impl<'t> Tape<'t> {
    fn new(choices: &'t [u32]) -> Self {
        Tape { choices, at: 0 }
    }

    /// A number below `n`; 0 once the tape is used up.
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let choice = self.choices.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        choice as usize % n
    }

    /// True `percent` times in a hundred; false once the tape is used up.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) >= 100 - percent
    }

    /// An index into `weights`, each as likely as its weight (0 rules an option out); the
    /// first possible option once the tape is used up.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut pick = self.below(weights.iter().sum());
        for (at, &weight) in weights.iter().enumerate() {
            if pick < weight {
                return at;
            }
            pick -= weight;
        }
        0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A local in scope while a body is written.
struct Local {
    name: String,
    ty: Ty,
    /// `let mut`, and not a loop's counter (a loop whose counter the body assigned might
    /// not stop).
    assignable: bool,
}

/// A function already written, which later ones may call.
#[derive(Clone)]
struct Function {
    name: String,
    params: Vec<Ty>,
    ret: Ty,
    public: bool,
    /// What one call costs, as [`MAX_COST`] counts.
    cost: u64,
}

/// An arm of a generated `match`.
enum Arm {
    /// A literal, `none` or `_`.
    Pattern(String),
    /// `some(name)`, binding a value of this type.
    Some(Ty),
}

/// A generated program and the calls to make.
struct Case {
    source: String,
    calls: Vec<(String, Vec<Value>)>,
}

struct Generator<'t> {
    choices: &'t Choices,
    tape: Tape<'t>,
    /// Each record's fields.
    records: Vec<Vec<(String, Ty)>>,
    consts: Vec<(String, Ty)>,
    functions: Vec<Function>,
    // The function being written.
    /// Every local bound and in scope, innermost last; a name bound again hides the
    /// earlier one.
    locals: Vec<Local>,
    /// Names given so far (`v0`, `v1`, ..).
    names: usize,
    /// Locals bound so far, shadowing ones included.
    bindings: usize,
    ret: Ty,
    /// Whether the function returns its trace (see `observe`).
    traced: bool,
    /// Loops around the statement being written: `break` and `continue` need one.
    loops: usize,
    /// How many times the code being written may run per call.
    repeat: u64,
    cost: u64,
    indent: usize,
}

impl<'t> Generator<'t> {
    fn new(choices: &'t Choices) -> Self {
        Generator {
            choices,
            tape: Tape::new(&choices.items),
            records: Vec::new(),
            consts: Vec::new(),
            functions: Vec::new(),
            locals: Vec::new(),
            names: 0,
            bindings: 0,
            ret: Ty::Unit,
            traced: false,
            loops: 0,
            repeat: 1,
            cost: 0,
            indent: 0,
        }
    }

    fn program(mut self) -> Case {
        let mut out = String::from("module gen {\n");
        for index in 0..self.tape.below(4) {
            let count = 1 + self.tape.below(3);
            let fields: Vec<(String, Ty)> = ["a", "b", "c"][..count]
                .iter()
                .map(|name| ((*name).to_owned(), self.ty(1, index)))
                .collect();
            let public = if self.tape.chance(50) { "pub " } else { "" };
            let declared: Vec<String> = fields
                .iter()
                .map(|(name, ty)| format!("{name}: {ty}"))
                .collect();
            let _ = writeln!(
                out,
                "    {public}record R{index} {{ {} }}",
                declared.join(", ")
            );
            self.records.push(fields);
        }
        for index in 0..self.tape.below(3) {
            let ty = self
                .tape
                .pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::Str])
                .clone();
            let value = self.literal(&ty);
            let _ = writeln!(out, "    const C{index}: {ty} = {value};");
            self.consts.push((format!("C{index}"), ty));
        }
        let tapes = &self.choices.functions;
        for (index, tape) in tapes.iter().enumerate() {
            self.tape = Tape::new(tape);
            // The last function is public, so that every program has one to call.
            self.function(&mut out, index, index + 1 == tapes.len());
        }
        out.push_str("}\n");
        self.tape = Tape::new(&self.choices.args);
        let mut calls = Vec::new();
        for function in self.functions.clone() {
            if !function.public {
                continue;
            }
            for _ in 0..CALLS_PER_FUNCTION {
                let args = function.params.iter().map(|ty| self.value(ty)).collect();
                calls.push((function.name.clone(), args));
            }
        }
        Case { source: out, calls }
    }

    /// A type, at most `depth` constructors deep, naming only the first `records` records.
    fn ty(&mut self, depth: u32, records: usize) -> Ty {
        let nested = if depth > 0 { 1 } else { 0 };
        let weights = [
            6,
            3,
            3,
            4,
            3 * nested,
            nested,
            2 * nested,
            if records > 0 { 2 } else { 0 },
        ];
        match self.tape.weighted(&weights) {
            0 => Ty::Int,
            1 => Ty::Float,
            2 => Ty::Bool,
            3 => Ty::Str,
            4 => Ty::List(Box::new(self.ty(depth - 1, records))),
            5 => Ty::Map(Box::new(self.ty(depth - 1, records))),
            6 => Ty::Option(Box::new(self.ty(depth - 1, records))),
            _ => Ty::Record(self.tape.below(records)),
        }
    }

    fn any_ty(&mut self) -> Ty {
        self.ty(1, self.records.len())
    }

    fn function(&mut self, out: &mut String, index: usize, last: bool) {
        let records = self.records.len();
        let params: Vec<Ty> = (0..self.tape.below(4))
            .map(|_| self.ty(2, records))
            .collect();
        let public = last || self.tape.chance(50);
        let ret = if self.tape.chance(10) {
            Ty::Unit
        } else if public && self.tape.chance(50) {
            // Room for the trace.
            Ty::Str
        } else {
            self.ty(2, records)
        };
        self.locals = params
            .iter()
            .enumerate()
            .map(|(at, ty)| Local {
                name: format!("p{at}"),
                ty: ty.clone(),
                assignable: false,
            })
            .collect();
        self.names = 0;
        self.bindings = 0;
        self.ret = ret.clone();
        self.traced = ret == Ty::Str;
        self.loops = 0;
        self.repeat = 1;
        self.cost = 0;
        self.indent = 2;
        let declared: Vec<String> = self
            .locals
            .iter()
            .map(|local| format!("{}: {}", local.name, local.ty))
            .collect();
        let result = match &ret {
            Ty::Unit => String::new(),
            ty => format!(" -> {ty}"),
        };
        let public_word = if public { "pub " } else { "" };
        let _ = writeln!(
            out,
            "    {public_word}fn f{index}({}){result} {{",
            declared.join(", ")
        );
        if self.traced {
            let _ = writeln!(out, "{}let mut {TRACE} = \"\";", self.pad());
            // Not assignable: only `observe` writes it, so that what it recorded stays.
            self.bind(TRACE.to_owned(), Ty::Str, false);
        }
        let depth = 2 + self.tape.below(3) as u32;
        let count = self.tape.below(9);
        self.stmts(out, count, depth);
        if ret != Ty::Unit {
            let tail = self.expr_up_to(&ret, depth, true);
            let tail = if self.traced {
                // And every local in scope as the function ends.
                let mut parts = vec![TRACE.to_owned()];
                parts.extend(
                    self.visible()
                        .filter_map(|local| observed(&local.name, &local.ty)),
                );
                parts.push(tail);
                parts.join(" + \",\" + ")
            } else {
                tail
            };
            let _ = writeln!(out, "{}{tail}", self.pad());
        }
        out.push_str("    }\n");
        self.functions.push(Function {
            name: format!("f{index}"),
            params,
            ret,
            public,
            cost: self.cost.max(1),
        });
    }

    fn pad(&self) -> String {
        "    ".repeat(self.indent)
    }

    fn fresh(&mut self) -> String {
        self.names += 1;
        format!("v{}", self.names - 1)
    }

    fn bind(&mut self, name: String, ty: Ty, assignable: bool) {
        self.bindings += 1;
        self.locals.push(Local {
            name,
            ty,
            assignable,
        });
    }

    /// The locals a name reaches: those no later binding hides.
    fn visible(&self) -> impl Iterator<Item = &Local> {
        self.locals.iter().enumerate().filter_map(|(at, local)| {
            let hidden = self.locals[at + 1..]
                .iter()
                .any(|later| later.name == local.name);
            (!hidden).then_some(local)
        })
    }

    /// A depth for an expression of a statement at `depth`: statements nest, so
    /// expressions stay shallow.
    fn expr_depth(&mut self, depth: u32) -> u32 {
        1 + self.tape.below(depth.clamp(1, 3) as usize) as u32
    }

    fn expr_up_to(&mut self, ty: &Ty, depth: u32, ctx: bool) -> String {
        let depth = self.expr_depth(depth);
        self.expr(ty, depth, ctx)
    }

    fn locals_of(&self, ty: &Ty) -> Vec<String> {
        self.visible()
            .filter(|local| local.ty == *ty)
            .map(|local| local.name.clone())
            .collect()
    }

    fn assignable(&self) -> Vec<(String, Ty)> {
        self.visible()
            .filter(|local| local.assignable)
            .map(|local| (local.name.clone(), local.ty.clone()))
            .collect()
    }

    /// Functions written before, returning `ty`, whose call keeps within [`MAX_COST`].
    fn callable(&self, ty: &Ty) -> Vec<Function> {
        self.functions
            .iter()
            .filter(|function| {
                function.ret == *ty && self.cost + self.repeat * function.cost <= MAX_COST
            })
            .cloned()
            .collect()
    }

    fn call(&mut self, function: &Function, depth: u32) -> String {
        self.cost += self.repeat * function.cost;
        let args: Vec<String> = function
            .params
            .iter()
            .map(|ty| self.expr(ty, depth, true))
            .collect();
        format!("{}({})", function.name, args.join(", "))
    }

    /// `(record, field)` of every record field of type `ty`.
    fn fields_of(&self, ty: &Ty) -> Vec<(usize, String)> {
        self.records
            .iter()
            .enumerate()
            .flat_map(|(index, fields)| {
                fields
                    .iter()
                    .filter(|(_, field)| field == ty)
                    .map(move |(name, _)| (index, name.clone()))
            })
            .collect()
    }

    // ─── statements ──────────────────────────────────────────────────────────────────

    fn stmts(&mut self, out: &mut String, count: usize, depth: u32) {
        for _ in 0..count {
            if self.bindings >= MAX_BINDINGS {
                return;
            }
            self.stmt(out, depth);
        }
    }

    /// `{ statements }`, its locals scoped to it.
    fn block_unit(&mut self, depth: u32) -> String {
        let mark = self.locals.len();
        self.indent += 1;
        let mut text = String::from("{\n");
        let count = self.tape.below(4);
        self.stmts(&mut text, count, depth);
        self.indent -= 1;
        let _ = write!(text, "{}}}", self.pad());
        self.locals.truncate(mark);
        text
    }

    /// `{ statements value }` of type `ty`, its locals scoped to it. Its statements may
    /// assign the locals around it, as a program's may.
    fn block_value(&mut self, ty: &Ty, depth: u32, ctx: bool) -> String {
        let mark = self.locals.len();
        self.indent += 1;
        let mut text = String::from("{\n");
        let count = self.tape.below(3);
        self.stmts(&mut text, count, depth.saturating_sub(1));
        let value = self.expr(ty, depth.saturating_sub(1), ctx);
        let _ = writeln!(text, "{}{value}", self.pad());
        self.indent -= 1;
        let _ = write!(text, "{}}}", self.pad());
        self.locals.truncate(mark);
        text
    }

    /// What `body` writes, as the body of a loop of at most `steps` steps.
    fn looped<T>(&mut self, steps: u64, body: impl FnOnce(&mut Self) -> T) -> T {
        let repeat = self.repeat;
        self.repeat *= steps;
        self.loops += 1;
        let result = body(self);
        self.loops -= 1;
        self.repeat = repeat;
        result
    }

    fn stmt(&mut self, out: &mut String, depth: u32) {
        let pad = self.pad();
        let nested = if depth > 0 { 1 } else { 0 };
        let can_loop = |steps: u64| {
            if depth > 0 && self.repeat * steps <= MAX_REPEAT {
                1
            } else {
                0
            }
        };
        let units = self.callable(&Ty::Unit);
        let weights = [
            6,
            if self.assignable().is_empty() { 0 } else { 6 },
            3 * nested,
            2 * can_loop(5),
            2 * can_loop(8),
            2 * can_loop(6),
            nested,
            2,
            1,
            if self.loops > 0 { 2 } else { 0 },
            if units.is_empty() { 0 } else { 2 },
            if self.traced { 3 } else { 0 },
        ];
        let d = depth.saturating_sub(1);
        match self.tape.weighted(&weights) {
            0 => self.let_stmt(out, depth),
            1 => self.assign(out, depth),
            2 => {
                let condition = self.expr_up_to(&Ty::Bool, depth, false);
                let then = self.block_unit(d);
                let _ = write!(out, "{pad}if {condition} {then}");
                if self.tape.chance(30) {
                    let condition = self.expr_up_to(&Ty::Bool, depth, false);
                    let otherwise = self.block_unit(d);
                    let _ = write!(out, " else if {condition} {otherwise}");
                }
                if self.tape.chance(50) {
                    let otherwise = self.block_unit(d);
                    let _ = write!(out, " else {otherwise}");
                }
                // The `;` ends the statement: without it, a next statement starting with
                // `[` would index the `if`.
                out.push_str(";\n");
            }
            3 => self.while_loop(out, depth),
            4 => {
                // At most 8 steps: from -2 or more, to 6 or less. The bounds are written
                // outside the loop: a `break` in them leaves the loop around this one.
                let start = if self.tape.chance(40) {
                    format!("max({}, -2)", self.expr_up_to(&Ty::Int, depth, false))
                } else {
                    literal_int(self.tape.below(6) as i64 - 2)
                };
                let end = if self.tape.chance(40) {
                    format!("min({}, 6)", self.expr_up_to(&Ty::Int, depth, false))
                } else {
                    literal_int(self.tape.below(7) as i64)
                };
                let name = self.fresh();
                let mark = self.locals.len();
                self.bind(name.clone(), Ty::Int, false);
                let body = self.looped(8, |this| this.block_unit(d));
                self.locals.truncate(mark);
                let _ = writeln!(out, "{pad}for {name} in {start}..{end} {body}");
            }
            5 => {
                let element = self.any_ty();
                let list = self.expr(&Ty::List(Box::new(element.clone())), 2, false);
                let name = self.fresh();
                let mark = self.locals.len();
                self.bind(name.clone(), element, false);
                let body = self.looped(6, |this| this.block_unit(d));
                self.locals.truncate(mark);
                let _ = writeln!(out, "{pad}for {name} in {list} {body}");
            }
            6 => {
                let text = self.match_expr(None, depth, false);
                let _ = writeln!(out, "{pad}{text};");
            }
            7 => {
                let ty = self.any_ty();
                let value = self.expr_up_to(&ty, depth, false);
                let _ = writeln!(out, "{pad}{value};");
            }
            8 => {
                let depth = self.expr_depth(depth);
                let value = self.return_stmt(depth);
                if self.tape.chance(80) {
                    let condition = self.expr(&Ty::Bool, 1, false);
                    let _ = writeln!(out, "{pad}if {condition} {{ {value} }};");
                } else {
                    let _ = writeln!(out, "{pad}{value}");
                }
            }
            9 => {
                let word = if self.tape.chance(50) {
                    "continue"
                } else {
                    "break"
                };
                if self.tape.chance(85) {
                    let condition = self.expr_up_to(&Ty::Bool, depth, false);
                    let _ = writeln!(out, "{pad}if {condition} {{ {word}; }};");
                } else {
                    let _ = writeln!(out, "{pad}{word};");
                }
            }
            10 => {
                let function = self.tape.pick(&units).clone();
                let depth = self.expr_depth(depth);
                let call = self.call(&function, depth);
                let _ = writeln!(out, "{pad}{call};");
            }
            _ => self.observe(out, None),
        }
    }

    /// `return ..;`, the trace first in a function that returns its trace.
    fn return_stmt(&mut self, depth: u32) -> String {
        match self.ret.clone() {
            Ty::Unit => "return;".to_owned(),
            _ if self.traced => format!("return {TRACE} + {};", self.expr(&Ty::Str, depth, true)),
            ret => format!("return {};", self.expr(&ret, depth, true)),
        }
    }

    /// `let`, `let mut`, with a type or without, now and then hiding a local of the same
    /// name (of another type, maybe).
    fn let_stmt(&mut self, out: &mut String, depth: u32) {
        let mutable = self.tape.chance(50);
        let ty = self.any_ty();
        let annotated = self.tape.chance(50);
        let value = self.expr_up_to(&ty, depth, annotated);
        let hideable: Vec<String> = self
            .visible()
            .map(|local| local.name.clone())
            .filter(|name| name != TRACE)
            .collect();
        let name = if !hideable.is_empty() && self.tape.chance(10) {
            self.tape.pick(&hideable).clone()
        } else {
            self.fresh()
        };
        let mut_word = if mutable { "mut " } else { "" };
        let annotation = if annotated {
            format!(": {ty}")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}let {mut_word}{name}{annotation} = {value};",
            self.pad()
        );
        self.bind(name, ty, mutable);
    }

    /// An assignment to a `let mut` local, in each form the compiler has code of its own
    /// for (`s = s + t` and `+=` on `str` append in place, `xs = push(xs, x)` pushes in
    /// place).
    fn assign(&mut self, out: &mut String, depth: u32) {
        let targets = self.assignable();
        let (name, ty) = self.tape.pick(&targets).clone();
        let depth = self.expr_depth(depth);
        let statement = match &ty {
            Ty::Int | Ty::Float => match self.tape.weighted(&[3, 2, 2, 2]) {
                0 => format!("{name} = {};", self.expr(&ty, depth, true)),
                1 => format!("{name} += {};", self.operand_of(&name, &ty, depth)),
                2 => format!("{name} -= {};", self.operand_of(&name, &ty, depth)),
                _ => {
                    let op = *self.tape.pick(&["+", "-", "*", "/", "%"]);
                    let operand = self.operand_of(&name, &ty, depth);
                    format!("{name} = {name} {op} {operand};")
                }
            },
            Ty::Str => match self.tape.weighted(&[3, 2, 2]) {
                0 => format!("{name} = {};", self.expr(&ty, depth, true)),
                1 => format!("{name} += {};", self.operand_of(&name, &ty, depth)),
                _ => format!("{name} = {name} + {};", self.operand_of(&name, &ty, depth)),
            },
            Ty::List(element) => match self.tape.weighted(&[2, 3]) {
                0 => format!("{name} = {};", self.expr(&ty, depth, true)),
                _ => {
                    let operand = self.operand_of(&name, element, depth);
                    format!("{name} = push({name}, {operand});")
                }
            },
            Ty::Map(value) => match self.tape.weighted(&[2, 3]) {
                0 => format!("{name} = {};", self.expr(&ty, depth, true)),
                _ => {
                    let key = self.key(1);
                    let operand = self.operand_of(&name, value, depth);
                    format!("{name} = insert({name}, {key}, {operand});")
                }
            },
            _ => format!("{name} = {};", self.expr(&ty, depth, true)),
        };
        let _ = writeln!(out, "{}{statement}", self.pad());
        if self.tape.chance(50) {
            self.observe(out, Some(&name));
        }
    }

    /// The right operand of `target = target op ..` (and `+=`, `push`): now and then a block
    /// that assigns `target` first. A back end that reads a local's register in place must
    /// still use the value read before the operand's write.
    fn operand_of(&mut self, target: &str, ty: &Ty, depth: u32) -> String {
        if !self.tape.chance(25) {
            return self.expr(ty, depth, false);
        }
        let target_ty = self
            .visible()
            .find(|local| local.name == target)
            .map_or(Ty::Unit, |local| local.ty.clone());
        let written = self.expr(&target_ty, depth, true);
        let value = self.expr(ty, depth, false);
        format!("({{ {target} = {written}; {value} }})")
    }

    /// `trace += to_str(local);`, in a function that returns its trace: the local `name`,
    /// or one at random.
    fn observe(&mut self, out: &mut String, name: Option<&str>) {
        if !self.traced {
            return;
        }
        let seen: Vec<String> = self
            .visible()
            .filter(|local| name.is_none_or(|name| local.name == name))
            .filter_map(|local| observed(&local.name, &local.ty))
            .collect();
        if !seen.is_empty() {
            let seen = self.tape.pick(&seen);
            let _ = writeln!(out, "{}{TRACE} += {seen};", self.pad());
        }
    }

    /// A `while` loop that stops: a counter the body cannot assign, raised first in the
    /// body (so that `continue` cannot skip it), against a small bound.
    fn while_loop(&mut self, out: &mut String, depth: u32) {
        let pad = self.pad();
        let counter = self.fresh();
        let bound = 1 + self.tape.below(4);
        let _ = writeln!(out, "{pad}let mut {counter} = 0;");
        self.bind(counter.clone(), Ty::Int, false);
        // Written outside the loop: a `break` in the condition leaves the loop around this
        // one, as the checker has it.
        let (condition, check) = match self.tape.weighted(&[3, 2, 1, 1, 1, 1]) {
            // The compiler has an instruction of its own for `a < b` and `b > a` on `int`.
            0 => (format!("{counter} < {bound}"), false),
            1 => (format!("{bound} > {counter}"), false),
            2 => (format!("{counter} <= {}", bound - 1), false),
            3 => (format!("{counter} != {bound}"), false),
            4 => {
                let more = self.expr_up_to(&Ty::Bool, depth, false);
                (format!("{counter} < {bound} && {more}"), false)
            }
            _ => ("true".to_owned(), true),
        };
        let step = if self.tape.chance(50) {
            format!("{counter} += 1;")
        } else {
            format!("{counter} = {counter} + 1;")
        };
        let d = depth.saturating_sub(1);
        let body = self.looped(bound as u64 + 1, |this| {
            this.indent += 1;
            let inner = this.pad();
            let mut body = format!("{{\n{inner}{step}\n");
            if check {
                let _ = writeln!(body, "{inner}if {counter} > {bound} {{ break; }};");
            }
            let count = this.tape.below(4);
            let mark = this.locals.len();
            this.stmts(&mut body, count, d);
            this.locals.truncate(mark);
            this.indent -= 1;
            let _ = write!(body, "{}}}", this.pad());
            body
        });
        let _ = writeln!(out, "{pad}while {condition} {body}");
    }

    // ─── expressions ─────────────────────────────────────────────────────────────────

    /// An expression of type `ty`, at most about `depth` deep. `ctx`: whether the checker
    /// knows the type wanted there (a `let` with a type, an argument, a field, a return,
    /// the right of `==`), which types `[]`, `none` and `map()`; elsewhere an expression
    /// must carry its type.
    fn expr(&mut self, ty: &Ty, depth: u32, ctx: bool) -> String {
        let ctx = ctx || (UNTYPED_EMPTIES && self.tape.chance(5));
        self.cost += self.repeat;
        if depth == 0 {
            return self.leaf(ty, ctx);
        }
        let d = depth - 1;
        let locals = self.locals_of(ty);
        let calls = self.callable(ty);
        let fields = self.fields_of(ty);
        let consts: Vec<String> = self
            .consts
            .iter()
            .filter(|(_, constant)| constant == ty)
            .map(|(name, _)| name.clone())
            .collect();
        let weights = [
            12,
            if locals.is_empty() { 0 } else { 8 },
            2,
            2,
            2,
            if calls.is_empty() { 0 } else { 3 },
            if fields.is_empty() { 0 } else { 2 },
            1,
            1,
            if consts.is_empty() { 0 } else { 1 },
            1,
        ];
        match self.tape.weighted(&weights) {
            0 => self.specific(ty, d, ctx),
            1 => self.tape.pick(&locals).clone(),
            2 => {
                let condition = self.expr(&Ty::Bool, d, false);
                let then = self.block_value(ty, d, ctx);
                let mut text = format!("(if {condition} {then}");
                if self.tape.chance(30) {
                    let condition = self.expr(&Ty::Bool, d, false);
                    let then = self.block_value(ty, d, ctx);
                    let _ = write!(text, " else if {condition} {then}");
                }
                let otherwise = self.block_value(ty, d, ctx);
                let _ = write!(text, " else {otherwise})");
                text
            }
            3 => self.match_expr(Some(ty), depth, ctx),
            4 => format!("({})", self.block_value(ty, depth, ctx)),
            5 => {
                let function = self.tape.pick(&calls).clone();
                self.call(&function, d)
            }
            6 => {
                let (record, field) = self.tape.pick(&fields).clone();
                let value = self.expr(&Ty::Record(record), d, false);
                format!("{value}.{field}")
            }
            7 => {
                let list = self.expr(&Ty::List(Box::new(ty.clone())), d, false);
                let index = self.index(d);
                format!("{list}[{index}]")
            }
            8 => {
                let map = self.expr(&Ty::Map(Box::new(ty.clone())), d, false);
                let key = self.key(d);
                format!("{map}[{key}]")
            }
            9 => self.tape.pick(&consts).clone(),
            _ => {
                // Leaving in the middle of an expression (an operand, an argument, a range's
                // bound): what comes after it must not run, nor its errors show.
                let leave = match self.tape.below(if self.loops > 0 { 3 } else { 1 }) {
                    0 => self.return_stmt(d),
                    1 => "break;".to_owned(),
                    _ => "continue;".to_owned(),
                };
                let condition = self.expr(&Ty::Bool, d, false);
                let value = self.expr(ty, d, ctx);
                format!("({{ if {condition} {{ {leave} }}; {value} }})")
            }
        }
    }

    /// An index: mostly 0, which most lists have, so that a function fails now and then
    /// rather than at its first index.
    fn index(&mut self, depth: u32) -> String {
        match self.tape.weighted(&[12, 3, 2, 2]) {
            0 => "0".to_owned(),
            1 => "1".to_owned(),
            2 => literal_int(*self.tape.pick(&[-1, 2, 3])),
            _ => self.expr(&Ty::Int, depth, false),
        }
    }

    /// A map key: mostly one of [`KEYS`], mostly the first, which most maps have.
    fn key(&mut self, depth: u32) -> String {
        match self.tape.weighted(&[12, 4, 2]) {
            0 => format!("{:?}", KEYS[0]),
            1 => format!("{:?}", self.tape.pick(KEYS)),
            _ => self.expr(&Ty::Str, depth, false),
        }
    }

    /// A local of type `ty`, or a literal (or the simplest expression) of it.
    fn leaf(&mut self, ty: &Ty, ctx: bool) -> String {
        let locals = self.locals_of(ty);
        if !locals.is_empty() && self.tape.chance(50) {
            return self.tape.pick(&locals).clone();
        }
        match ty {
            Ty::List(element) => {
                if ctx && self.tape.chance(50) {
                    "[]".to_owned()
                } else {
                    format!("[{}]", self.leaf(element, ctx))
                }
            }
            Ty::Map(value) => {
                if !self.tape.chance(20) {
                    // With the key lookups mostly ask for. Not `insert(map(), ..)`: the
                    // checker types `map()` only where it knows the type wanted.
                    let empty = self.typed_empty_map(value);
                    let value = self.leaf(value, false);
                    format!("insert({empty}, {:?}, {value})", KEYS[0])
                } else if ctx {
                    "map()".to_owned()
                } else {
                    self.typed_empty_map(value)
                }
            }
            Ty::Option(inner) => {
                if ctx && self.tape.chance(50) {
                    "none".to_owned()
                } else {
                    format!("some({})", self.leaf(inner, false))
                }
            }
            Ty::Record(index) => self.record_literal(*index, 0),
            scalar => self.literal(scalar),
        }
    }

    /// An empty map where the checker knows no type for `map()`: a block gives it one.
    fn typed_empty_map(&mut self, value: &Ty) -> String {
        let name = self.fresh();
        self.bindings += 1;
        format!("({{ let {name}: map[str, {value}] = map(); {name} }})")
    }

    fn literal(&mut self, ty: &Ty) -> String {
        match ty {
            Ty::Int => match self.tape.weighted(&[8, 2, 2]) {
                0 => self.tape.below(10).to_string(),
                1 => literal_int(-1 - self.tape.below(5) as i64),
                _ => (*self.tape.pick(BIG_INTS)).to_owned(),
            },
            Ty::Float => {
                let text = format!("{:?}", self.tape.pick(FLOATS));
                if self.tape.chance(20) {
                    format!("(-{text})")
                } else {
                    text
                }
            }
            Ty::Bool => (if self.tape.chance(50) {
                "true"
            } else {
                "false"
            })
            .to_owned(),
            _ => format!("{:?}", self.tape.pick(STRINGS)),
        }
    }

    fn record_literal(&mut self, index: usize, depth: u32) -> String {
        let mut fields = self.records[index].clone();
        // Any order: the checker puts the values in the declared order.
        if fields.len() > 1 && self.tape.chance(50) {
            let at = self.tape.below(fields.len());
            fields.rotate_left(at);
        }
        let values: Vec<String> = fields
            .iter()
            .map(|(name, ty)| format!("{name}: {}", self.expr(ty, depth, true)))
            .collect();
        // In parentheses: after `if`, `match` and `for`, a `{` would start the block.
        format!("(R{index} {{ {} }})", values.join(", "))
    }

    /// The forms of one type: its literals, operators and standard library.
    fn specific(&mut self, ty: &Ty, d: u32, ctx: bool) -> String {
        match ty {
            Ty::Int => match self.tape.weighted(&[4, 6, 1, 2, 2, 1, 1]) {
                0 => self.literal(ty),
                1 => {
                    let op = *self.tape.pick(&["+", "-", "*", "/", "%"]);
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("({a} {op} {b})")
                }
                2 => format!("(-{})", self.expr(ty, d, false)),
                3 => {
                    let of = match self.tape.below(3) {
                        0 => Ty::Str,
                        1 => Ty::List(Box::new(self.any_ty())),
                        _ => Ty::Map(Box::new(self.any_ty())),
                    };
                    format!("len({})", self.expr(&of, d, false))
                }
                4 => {
                    let name = if self.tape.chance(50) { "min" } else { "max" };
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("{name}({a}, {b})")
                }
                5 => format!("abs({})", self.expr(ty, d, false)),
                _ => format!("to_int({})", self.expr(&Ty::Float, d, false)),
            },
            Ty::Float => match self.tape.weighted(&[4, 6, 1, 2, 1, 1, 2]) {
                0 => self.literal(ty),
                1 => {
                    let op = *self.tape.pick(&["+", "-", "*", "/", "%"]);
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("({a} {op} {b})")
                }
                2 => format!("(-{})", self.expr(ty, d, false)),
                3 => {
                    let name = if self.tape.chance(50) { "min" } else { "max" };
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("{name}({a}, {b})")
                }
                4 => format!("abs({})", self.expr(ty, d, false)),
                5 => format!("round({})", self.expr(ty, d, false)),
                _ => format!("to_float({})", self.expr(&Ty::Int, d, false)),
            },
            Ty::Bool => match self.tape.weighted(&[3, 4, 3, 3, 1, 2]) {
                0 => self.literal(ty),
                1 => {
                    let of = self.tape.pick(&[Ty::Int, Ty::Float, Ty::Str]).clone();
                    let op = *self.tape.pick(&["<", "<=", ">", ">="]);
                    let (a, b) = (self.expr(&of, d, false), self.expr(&of, d, false));
                    format!("({a} {op} {b})")
                }
                2 => {
                    // Any type, lists, maps, options and records included; the right side
                    // is typed by the left, so it may be `[]` or `none`.
                    let of = self.any_ty();
                    let op = if self.tape.chance(50) { "==" } else { "!=" };
                    let (a, b) = (self.expr(&of, d, false), self.expr(&of, d, true));
                    format!("({a} {op} {b})")
                }
                3 => {
                    let op = if self.tape.chance(50) { "&&" } else { "||" };
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("({a} {op} {b})")
                }
                4 => format!("(!{})", self.expr(ty, d, false)),
                _ => match self.tape.below(3) {
                    0 => {
                        let element = self.any_ty();
                        let list = self.expr(&Ty::List(Box::new(element.clone())), d, false);
                        format!("contains({list}, {})", self.expr(&element, d, false))
                    }
                    1 => {
                        let (a, b) = (self.expr(&Ty::Str, d, false), self.expr(&Ty::Str, d, false));
                        format!("contains({a}, {b})")
                    }
                    _ => {
                        let value = self.any_ty();
                        let map = self.expr(&Ty::Map(Box::new(value)), d, false);
                        format!("contains({map}, {})", self.key(d))
                    }
                },
            },
            Ty::Str => match self.tape.weighted(&[4, 4, 3]) {
                0 => self.literal(ty),
                1 => {
                    let (a, b) = (self.expr(ty, d, false), self.expr(ty, d, false));
                    format!("({a} + {b})")
                }
                _ => {
                    let of = self
                        .tape
                        .pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::Str])
                        .clone();
                    format!("to_str({})", self.expr(&of, d, false))
                }
            },
            Ty::List(element) => {
                let keys = if **element == Ty::Str { 1 } else { 0 };
                match self.tape.weighted(&[3, 2, keys]) {
                    0 => {
                        // Without a wanted type, the first element types the list.
                        let count = self.tape.below(4).max(usize::from(!ctx));
                        let elements: Vec<String> = (0..count)
                            .map(|at| self.expr(element, d, ctx || at > 0))
                            .collect();
                        format!("[{}]", elements.join(", "))
                    }
                    1 => {
                        let list = self.expr(ty, d, false);
                        format!("push({list}, {})", self.expr(element, d, false))
                    }
                    _ => {
                        let value = self.any_ty();
                        format!("keys({})", self.expr(&Ty::Map(Box::new(value)), d, false))
                    }
                }
            }
            Ty::Map(value) => match self.tape.weighted(&[1, 3]) {
                0 if ctx => "map()".to_owned(),
                0 => self.typed_empty_map(value),
                _ => {
                    let map = self.expr(ty, d, false);
                    let key = self.key(d);
                    format!("insert({map}, {key}, {})", self.expr(value, d, false))
                }
            },
            Ty::Option(inner) => match self.tape.weighted(&[1, 3, 2, 2]) {
                0 if ctx => "none".to_owned(),
                0 | 1 => format!("some({})", self.expr(inner, d, false)),
                2 => {
                    let list = self.expr(&Ty::List(inner.clone()), d, false);
                    format!("get({list}, {})", self.index(d))
                }
                _ => {
                    let map = self.expr(&Ty::Map(inner.clone()), d, false);
                    format!("get({map}, {})", self.key(d))
                }
            },
            Ty::Record(index) => self.record_literal(*index, d),
            Ty::Unit => "()".to_owned(),
        }
    }

    /// `match` on an `int`, a `str`, a `bool` or an option; of type `ty`, or, without one,
    /// a statement whose arms are blocks.
    fn match_expr(&mut self, ty: Option<&Ty>, depth: u32, ctx: bool) -> String {
        let d = depth.saturating_sub(1);
        let (scrutinee_ty, arms) = match self.tape.weighted(&[3, 2, 2, 3]) {
            0 => {
                let count = 1 + self.tape.below(3);
                let arms = (0..count)
                    .map(|_| {
                        let pattern =
                            self.tape
                                .pick(&["0", "1", "2", "-1", "5", "9223372036854775807"]);
                        Arm::Pattern((*pattern).to_owned())
                    })
                    .collect();
                (Ty::Int, self.with_wildcard(arms))
            }
            1 => {
                let count = 1 + self.tape.below(3);
                let arms = (0..count)
                    .map(|_| Arm::Pattern(format!("{:?}", self.tape.pick(STRINGS))))
                    .collect();
                (Ty::Str, self.with_wildcard(arms))
            }
            2 => {
                #[allow(clippy::explicit_auto_deref)] // the `*` fixes `pick`'s element type
                let patterns: &[&str] = *self.tape.pick(&[
                    &["true", "false"][..],
                    &["false", "true"],
                    &["true", "_"],
                    &["false", "_"],
                    &["true", "true", "false"],
                ]);
                let arms = patterns
                    .iter()
                    .map(|pattern| Arm::Pattern((*pattern).to_owned()))
                    .collect();
                (Ty::Bool, arms)
            }
            _ => {
                let inner = self.any_ty();
                let some = || Arm::Some(inner.clone());
                let none = || Arm::Pattern("none".to_owned());
                let wildcard = || Arm::Pattern("_".to_owned());
                let arms = match self.tape.below(5) {
                    0 => vec![some(), none()],
                    1 => vec![none(), some()],
                    2 => vec![some(), wildcard()],
                    3 => vec![none(), wildcard()],
                    _ => vec![wildcard()],
                };
                (Ty::Option(Box::new(inner.clone())), arms)
            }
        };
        let scrutinee = self.expr(&scrutinee_ty, d, false);
        self.indent += 1;
        let pad = self.pad();
        let mut text = format!("(match {scrutinee} {{\n");
        for arm in arms {
            let mark = self.locals.len();
            let pattern = match arm {
                Arm::Pattern(pattern) => pattern,
                Arm::Some(inner) => {
                    let name = self.fresh();
                    self.bind(name.clone(), inner, false);
                    format!("some({name})")
                }
            };
            let value = match ty {
                Some(ty) => self.expr(ty, d, ctx),
                None => self.block_unit(d),
            };
            self.locals.truncate(mark);
            let _ = writeln!(text, "{pad}{pattern} => {value},");
        }
        self.indent -= 1;
        let _ = write!(text, "{}}})", self.pad());
        text
    }

    /// `arms` with `_` added: last, or now and then earlier, so that the arms after it
    /// never run.
    fn with_wildcard(&mut self, mut arms: Vec<Arm>) -> Vec<Arm> {
        let at = if self.tape.chance(15) {
            self.tape.below(arms.len())
        } else {
            arms.len()
        };
        arms.insert(at, Arm::Pattern("_".to_owned()));
        arms
    }

    // ─── arguments ───────────────────────────────────────────────────────────────────

    /// A random value of type `ty`: small numbers mostly, the extremes now and then, and the
    /// floats no literal can write (NaN, the infinities, `-0.0`).
    fn value(&mut self, ty: &Ty) -> Value {
        match ty {
            Ty::Unit => Value::Unit,
            Ty::Int => Value::Int(match self.tape.weighted(&[6, 1]) {
                0 => self.tape.below(13) as i64 - 3,
                _ => *self.tape.pick(&[
                    i64::MAX,
                    i64::MIN,
                    1 << 40,
                    -(1 << 40),
                    3_037_000_500,
                    1_000_000_007,
                ]),
            }),
            Ty::Float => Value::Float(*self.tape.pick(&[
                0.5,
                0.0,
                -0.0,
                1.5,
                -2.25,
                0.1,
                3.0,
                1e300,
                9.3e18,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ])),
            Ty::Bool => Value::Bool(self.tape.chance(50)),
            Ty::Str => Value::Str((*self.tape.pick(STRINGS)).to_owned()),
            Ty::List(element) => Value::List(
                (0..self.tape.below(4))
                    .map(|_| self.value(element))
                    .collect(),
            ),
            Ty::Map(value) => {
                // The first key mostly present, as the lookups mostly ask for it.
                let mut entries = BTreeMap::new();
                for (at, key) in KEYS.iter().enumerate() {
                    if self.tape.chance(if at == 0 { 80 } else { 40 }) {
                        entries.insert((*key).to_owned(), self.value(value));
                    }
                }
                Value::Map(entries)
            }
            Ty::Option(inner) => Value::Option(if self.tape.chance(60) {
                Some(Box::new(self.value(inner)))
            } else {
                None
            }),
            Ty::Record(index) => {
                let fields = self.records[*index].clone();
                Value::Record(fields.iter().map(|(_, ty)| self.value(ty)).collect())
            }
        }
    }
}

/// A local as a `str` for the trace, if its type has a plain one.
fn observed(name: &str, ty: &Ty) -> Option<String> {
    match ty {
        _ if name == TRACE => None,
        Ty::Int | Ty::Float | Ty::Bool | Ty::Str => Some(format!("to_str({name})")),
        Ty::List(_) | Ty::Map(_) => Some(format!("to_str(len({name}))")),
        Ty::Option(_) => Some(format!("to_str({name} == none)")),
        Ty::Record(_) | Ty::Unit => None,
    }
}

/// An integer literal, in parentheses when negative (`-` then another `-` would be `--`).
fn literal_int(n: i64) -> String {
    if n < 0 {
        format!("({n})")
    } else {
        n.to_string()
    }
}

/// Values equal as the language's results: floats bit for bit (both back ends compute with
/// the same functions, so even `-0.0` must match), except that every NaN is the same NaN.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(a), Value::Float(b)) => {
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
        }
        (Value::List(a), Value::List(b)) | (Value::Record(a), Value::Record(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        (Value::Map(a), Value::Map(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, a), (kb, b))| ka == kb && same_value(a, b))
        }
        (Value::Option(a), Value::Option(b)) => match (a, b) {
            (Some(a), Some(b)) => same_value(a, b),
            (None, None) => true,
            _ => false,
        },
        (a, b) => a == b,
    }
}

fn same_result(a: &Result<Value, VmError>, b: &Result<Value, VmError>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => same_value(a, b),
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}

fn instance(program: &Program, source: &str) -> Result<Instance, TestCaseError> {
    program
        .instance(Host::new())
        .map(|instance| instance.with_limits(LIMITS))
        .map_err(|error| TestCaseError::fail(format!("no host to bind: {error}\n{source}")))
}

/// Runs the program `choices` write in both back ends.
fn agree(choices: &Choices) -> Result<(), TestCaseError> {
    let Case { source, calls } = Generator::new(choices).program();
    let (checked, diagnostics) = check_text(&source);
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let Some(checked) = checked.filter(|_| errors.is_empty()) else {
        return Err(TestCaseError::fail(format!(
            "the generator wrote a program that does not check:\n{source}\n{errors:#?}"
        )));
    };
    let compiled = Script::compile(&source).map_err(|error| {
        TestCaseError::fail(format!("checks but does not compile:\n{source}\n{error}"))
    })?;
    let bytes = compiled.to_bytes();
    let reloaded = Program::from_bytes(&bytes).map_err(|error| {
        TestCaseError::fail(format!("its bytecode does not load: {error}\n{source}"))
    })?;
    prop_assert!(
        reloaded.to_bytes() == bytes,
        "the bytecode changed on a round trip\n{}",
        source
    );
    let (compiled, reloaded) = (instance(&compiled, &source)?, instance(&reloaded, &source)?);
    for (name, args) in &calls {
        let call = || format!("{source}\n`{name}` called with {args:?}");
        let vm = compiled.call(name, args);
        let loaded = reloaded.call(name, args);
        prop_assert!(
            same_result(&vm, &loaded),
            "the compiled program gave {:?}, the reloaded one {:?}\n{}",
            vm,
            loaded,
            call()
        );
        match &vm {
            Err(VmError::Internal(what)) => {
                return Err(TestCaseError::fail(format!(
                    "internal VM error: {what}\n{}",
                    call()
                )));
            }
            // Outside parity: the interpreter has no such limits.
            Err(
                VmError::OutOfFuel { .. } | VmError::TooDeep { .. } | VmError::OutOfMemory { .. },
            ) => continue,
            _ => {}
        }
        let reference = interp::run(
            &checked,
            Some(&source),
            &mut |_: &str, _: &[Value]| Value::Unit,
            name,
            args.clone(),
        );
        let agreed = match (&vm, &reference) {
            (_, Err(RunError::TooDeep)) => true,
            (Ok(value), Ok(expected)) => same_value(value, expected),
            (Err(VmError::Script(error)), Err(RunError::Script(expected))) => error == expected,
            _ => false,
        };
        prop_assert!(
            agreed,
            "the VM gave {:?}, the interpreter {:?}\n{}",
            vm,
            reference,
            call()
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // A failure is printed with its program; a regressions file would be a file
        // outside this test's own.
        failure_persistence: None,
        // proptest's default is four per case: minutes of shrinking on a long run, where
        // a thousand tries already make the program small.
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_vm_and_the_interpreter_agree_on_random_programs(choices in choices()) {
        agree(&choices)?;
    }
}
