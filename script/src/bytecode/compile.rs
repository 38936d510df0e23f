//! Typed IR → bytecode: one pass over each function, locals in the first registers and
//! temporaries above them, freed as a stack. Constants are computed here, by the reference
//! interpreter, as the `script!` macro computes them at expansion.
//!
//! Four patterns get instructions of their own, because they are what loops do: `s = s + t`
//! and `s += t` on `str` append in place ([`Op::Append`]), `xs = push(xs, x)` pushes in
//! place ([`Op::PushInPlace`]), a loop's `a < b` test on `int` is one
//! [`Op::JumpIfNotLtInt`], and `for r in records` whose body reads only `r.field` reads each
//! field where it is ([`Op::FieldOfIndex`]) instead of copying every record into `r`.
//! Without the first two, building a string or a list in a loop copies it on every step
//! (quadratic); with them it grows in place when it has one owner, as CPython does for `+=`.

use std::collections::HashMap;

use crate::ast::{AssignOp, BinaryOp, UnaryOp};
use crate::diagnostic::{Diagnostic, Locate};
use crate::ir::{self, Block, Builtin, Expr, ExprKind, Pattern, Stmt, Type, Visitor};
use crate::span::Span;
use crate::value::Value;

use super::image::{
    Constant, Function, Image, NamedConstant, Position, Record, Signature, TypeDef, TypeId,
};
use super::op::{Op, Reg, Target};

/// How many registers a function may use: a register is one byte in an instruction.
pub const MAX_REGISTERS: usize = 256;

/// The bytecode of a checked program, or why it has none (a constant that cannot be
/// computed, a function too large for the format).
pub fn compile(program: &ir::Program, locate: &dyn Locate) -> Result<Image, Vec<Diagnostic>> {
    let constants = crate::interp::constants(program)?;
    let mut module = Module {
        types: Types::default(),
        pool: Pool::default(),
        problems: Vec::new(),
    };
    // The types instructions make without an expression of that type: `Unit` for a
    // statement's value, `Int` for a loop's counter, `Bool` for a pattern's test.
    for ty in [Type::Unit, Type::Int, Type::Bool] {
        module.types.intern(&ty);
    }
    let records = program
        .records
        .iter()
        .map(|record| Record {
            name: record.name.clone(),
            fields: record
                .fields
                .iter()
                .map(|(name, ty)| (name.clone(), module.types.intern(ty)))
                .collect(),
        })
        .collect();
    let named = program
        .consts
        .iter()
        .zip(&constants)
        .map(|(definition, value)| NamedConstant {
            name: definition.name.clone(),
            public: definition.public,
            docs: ir::doc_text(&definition.docs),
            constant: module.pool.add(constant_of(value)),
        })
        .collect();
    let host = program
        .host
        .iter()
        .map(|signature| module.signature(signature))
        .collect();
    let mut functions = Vec::with_capacity(program.functions.len());
    for function in &program.functions {
        let compiled = FunctionCompiler::new(&mut module, &constants, locate, function).compile();
        functions.push(compiled);
    }
    if !module.problems.is_empty() {
        return Err(module.problems);
    }
    for (what, count, limit) in [
        ("types", module.types.defs.len(), usize::from(u16::MAX)),
        ("records", program.records.len(), usize::from(u16::MAX)),
        ("functions", functions.len(), usize::from(u16::MAX)),
        ("host functions", program.host.len(), usize::from(u16::MAX)),
    ] {
        if count > limit {
            return Err(vec![Diagnostic::error(
                Span::default(),
                format!("the module has {count} {what}; bytecode holds at most {limit}"),
            )]);
        }
    }
    Ok(Image {
        language_version: crate::LANGUAGE_VERSION,
        name: program.name.clone(),
        docs: ir::doc_text(&program.docs),
        types: module.types.defs,
        records,
        constants: module.pool.constants,
        named,
        host,
        functions,
    })
}

fn constant_of(value: &Value) -> Constant {
    match value {
        Value::Int(n) => Constant::Int(*n),
        Value::Float(x) => Constant::Float(*x),
        Value::Bool(b) => Constant::Bool(*b),
        Value::Str(text) => Constant::Str(text.clone()),
        // The checker allows only these four types of constant.
        _ => Constant::Bool(false),
    }
}

/// The type table being built: each type once, its parts before it.
#[derive(Default)]
struct Types {
    defs: Vec<TypeDef>,
    ids: HashMap<TypeDef, TypeId>,
}

impl Types {
    fn intern(&mut self, ty: &Type) -> TypeId {
        let def = match ty {
            Type::Int => TypeDef::Int,
            Type::Float => TypeDef::Float,
            Type::Bool => TypeDef::Bool,
            Type::Str => TypeDef::Str,
            // `Error` is never in a program that checked.
            Type::Unit | Type::Error => TypeDef::Unit,
            Type::List(inner) => TypeDef::List(self.intern(inner)),
            Type::Map(inner) => TypeDef::Map(self.intern(inner)),
            Type::Option(inner) => TypeDef::Option(self.intern(inner)),
            Type::Record(index, _) => TypeDef::Record(u16::try_from(*index).unwrap_or(u16::MAX)),
        };
        if let Some(id) = self.ids.get(&def) {
            return *id;
        }
        let id = TypeId::try_from(self.defs.len()).unwrap_or(TypeId::MAX);
        self.defs.push(def);
        self.ids.insert(def, id);
        id
    }
}

/// The constant pool being built: each constant once.
#[derive(Default)]
struct Pool {
    constants: Vec<Constant>,
    ids: HashMap<PoolKey, u32>,
}

#[derive(PartialEq, Eq, Hash)]
enum PoolKey {
    Int(i64),
    Float(u64),
    Bool(bool),
    Str(String),
}

impl Pool {
    fn add(&mut self, constant: Constant) -> u32 {
        let key = match &constant {
            Constant::Int(n) => PoolKey::Int(*n),
            Constant::Float(x) => PoolKey::Float(x.to_bits()),
            Constant::Bool(b) => PoolKey::Bool(*b),
            Constant::Str(text) => PoolKey::Str(text.clone()),
        };
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = u32::try_from(self.constants.len()).unwrap_or(u32::MAX);
        self.constants.push(constant);
        self.ids.insert(key, id);
        id
    }
}

struct Module {
    types: Types,
    pool: Pool,
    problems: Vec<Diagnostic>,
}

impl Module {
    fn signature(&mut self, signature: &ir::Signature) -> Signature {
        Signature {
            name: signature.name.clone(),
            docs: ir::doc_text(&signature.docs),
            params: signature
                .params
                .iter()
                .map(|(name, ty)| (name.clone(), self.types.intern(ty)))
                .collect(),
            ret: self.types.intern(&signature.ret),
        }
    }
}

/// A jump whose target is not known yet: its instruction's index.
type Pending = Vec<usize>;

struct Loop {
    /// Where `continue` goes (known for `while`; patched for `for`).
    continues: Pending,
    breaks: Pending,
}

struct FunctionCompiler<'a> {
    module: &'a mut Module,
    constants: &'a [Value],
    locate: &'a dyn Locate,
    function: &'a ir::FunctionDef,
    code: Vec<Op>,
    lines: Vec<Position>,
    /// The first free register: locals below, temporaries from here.
    top: usize,
    /// The most registers used at once.
    used: usize,
    loops: Vec<Loop>,
    /// The variables of the enclosing `for` loops over records whose bodies read only
    /// their fields: each read is [`Op::FieldOfIndex`] of the list at the loop's counter,
    /// and the record is never copied into a register.
    in_place: Vec<InPlace>,
}

/// A `for` variable read in place: the list it ranges over and the counter.
struct InPlace {
    local: usize,
    list: Reg,
    index: Reg,
}

impl<'a> FunctionCompiler<'a> {
    fn new(
        module: &'a mut Module,
        constants: &'a [Value],
        locate: &'a dyn Locate,
        function: &'a ir::FunctionDef,
    ) -> Self {
        let locals = function.locals.len();
        FunctionCompiler {
            module,
            constants,
            locate,
            function,
            code: Vec::new(),
            lines: Vec::new(),
            top: locals,
            used: locals,
            loops: Vec::new(),
            in_place: Vec::new(),
        }
    }

    fn compile(mut self) -> Function {
        let signature = self.module.signature(&self.function.signature);
        let body = &self.function.body;
        self.returning_block(body);
        if self.used > MAX_REGISTERS {
            self.module.problems.push(Diagnostic::error(
                self.function.signature.span,
                format!(
                    "the function `{}` needs {} registers; bytecode has {MAX_REGISTERS}: split \
                     it into smaller functions",
                    self.function.signature.name, self.used
                ),
            ));
        }
        Function {
            signature,
            public: self.function.public,
            registers: u16::try_from(self.used.min(MAX_REGISTERS)).unwrap_or(u16::MAX),
            code: self.code,
            lines: self.lines,
        }
    }

    // ─── registers and code ──────────────────────────────────────────────────────────

    /// A register: its index, clamped; a function that needs too many is refused by
    /// `compile`, so the clamped code is never used.
    fn reg(index: usize) -> Reg {
        Reg::try_from(index).unwrap_or(Reg::MAX)
    }

    fn temp(&mut self) -> Reg {
        let reg = Self::reg(self.top);
        self.top += 1;
        self.used = self.used.max(self.top);
        reg
    }

    fn emit(&mut self, op: Op) -> usize {
        self.code.push(op);
        self.code.len() - 1
    }

    /// Emits an instruction that can fail, recording where it is in the source.
    fn emit_at(&mut self, op: Op, span: Span) -> usize {
        let (line, column) = self.locate.locate(span);
        let pc = u32::try_from(self.code.len()).unwrap_or(u32::MAX);
        let last = self.lines.last().map(|p| (p.line, p.column));
        if last != Some((line, column)) {
            self.lines.push(Position { pc, line, column });
        }
        self.emit(op)
    }

    fn here(&self) -> u32 {
        u32::try_from(self.code.len()).unwrap_or(u32::MAX)
    }

    fn patch(&mut self, jumps: Pending) {
        let here = self.here();
        for at in jumps {
            if let Some(target) = self.code.get_mut(at).and_then(Op::target_mut) {
                *target = here;
            }
        }
    }

    fn local(index: usize) -> Reg {
        Self::reg(index)
    }

    // ─── blocks and statements ───────────────────────────────────────────────────────

    /// A block whose value the function returns: each branch of a tail `if` returns its
    /// own value, rather than moving it to one register and jumping to one `Return`.
    fn returning_block(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        match block.tail.as_deref() {
            Some(tail) => self.returning(tail),
            None => {
                let unit = self.temp();
                self.emit(Op::Unit { dst: unit });
                self.emit(Op::Return { src: unit });
            }
        }
    }

    /// An expression whose value the function returns.
    fn returning(&mut self, expr: &Expr) {
        let mark = self.top;
        match &expr.kind {
            ExprKind::If(condition, then, Some(otherwise)) => {
                let skip = self.branch_unless(condition);
                self.returning_block(then);
                self.patch(vec![skip]);
                self.returning(otherwise);
            }
            ExprKind::Block(block) => self.returning_block(block),
            _ => {
                let src = self.operand(expr);
                self.emit(Op::Return { src });
            }
        }
        self.top = mark;
    }

    fn block(&mut self, block: &Block, dst: Reg) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        match &block.tail {
            Some(tail) => self.expr(tail, dst),
            None => {
                self.emit(Op::Unit { dst });
            }
        }
    }

    /// A block whose value is not used: no `Unit` for a block without a tail.
    fn block_for_effect(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        if let Some(tail) = &block.tail {
            let mark = self.top;
            let scratch = self.temp();
            self.expr(tail, scratch);
            self.top = mark;
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        let mark = self.top;
        match stmt {
            Stmt::Let { local, value } => self.assign(Self::local(*local), value),
            Stmt::Assign {
                local,
                op,
                value,
                span,
            } => self.assign_op(*local, *op, value, *span),
            Stmt::While { condition, body } => {
                // The test at the bottom (loop inversion): a step is the body and one
                // conditional jump back, not a test, the body and a jump.
                let enter = self.emit(Op::Jump { target: Target(0) });
                let body_start = self.here();
                self.loops.push(Loop {
                    continues: Vec::new(),
                    breaks: Vec::new(),
                });
                self.block_for_effect(body);
                // A `break` or `continue` in the condition belongs to the enclosing loop,
                // as in the interpreter (the condition is outside the body), so this loop
                // is set aside while the condition compiles.
                let this_loop = self.loops.pop();
                let test = self.here();
                self.patch(vec![enter]);
                self.branch_if(condition, body_start);
                if let Some(this_loop) = this_loop {
                    self.loops.push(this_loop);
                }
                self.close_loop(test);
            }
            Stmt::ForRange {
                local,
                start,
                end,
                body,
            } => {
                // The loop's variable counts, unless the body may assign it: then the
                // counter is a register of its own, so that the assignment does not change
                // the iteration (as in the interpreter).
                let variable = Self::local(*local);
                let mutable = self
                    .function
                    .locals
                    .get(*local)
                    .is_none_or(|local| local.mutable);
                let counter = if mutable { self.temp() } else { variable };
                let limit = self.temp();
                self.expr(start, counter);
                self.expr(end, limit);
                self.counted_loop(counter, limit, body, |this| {
                    if mutable {
                        this.emit(Op::Move {
                            dst: variable,
                            src: counter,
                        });
                    }
                });
            }
            Stmt::ForList { local, list, body } => {
                // A copy of the list (a shared handle): the body may reassign the variable
                // it came from.
                let elements = self.temp();
                self.expr(list, elements);
                let len = self.temp();
                self.emit(Op::ListLen {
                    dst: len,
                    list: elements,
                });
                let counter = self.temp();
                self.emit(Op::Int {
                    dst: counter,
                    value: 0,
                });
                let span = list.span;
                if reads_only_fields(body, *local) {
                    // A loop over records that reads their fields: no copy of each record
                    // in a register (a reference count written on every step, and a cache
                    // line dirtied per record), one `FieldOfIndex` per field read.
                    self.in_place.push(InPlace {
                        local: *local,
                        list: elements,
                        index: counter,
                    });
                    self.counted_loop(counter, len, body, |_| {});
                    self.in_place.pop();
                } else {
                    self.counted_loop(counter, len, body, |this| {
                        this.emit_at(
                            Op::Index {
                                dst: Self::local(*local),
                                list: elements,
                                index: counter,
                            },
                            span,
                        );
                    });
                }
            }
            Stmt::Return(value) => {
                let src = match value {
                    Some(value) => self.operand(value),
                    None => {
                        let unit = self.temp();
                        self.emit(Op::Unit { dst: unit });
                        unit
                    }
                };
                self.emit(Op::Return { src });
            }
            Stmt::Break => {
                let at = self.emit(Op::Jump { target: Target(0) });
                if let Some(innermost) = self.loops.last_mut() {
                    innermost.breaks.push(at);
                }
            }
            Stmt::Continue => {
                let at = self.emit(Op::Jump { target: Target(0) });
                if let Some(innermost) = self.loops.last_mut() {
                    innermost.continues.push(at);
                }
            }
            Stmt::Expr(expr) => {
                let scratch = self.temp();
                self.expr(expr, scratch);
            }
        }
        self.top = mark;
    }

    /// `counter` from its value while `counter < limit`, one step at a time; `bind` writes
    /// the loop's variable at the top of each step.
    fn counted_loop(
        &mut self,
        counter: Reg,
        limit: Reg,
        body: &Block,
        bind: impl FnOnce(&mut Self),
    ) {
        // Tested once on entry, then by `ForLoop` at the end of each step (Lua's FORLOOP):
        // one instruction per step for the counting, the test and the jump back.
        let exit = self.emit(Op::JumpIfNotLtInt {
            a: counter,
            b: limit,
            target: Target(0),
        });
        let body_start = self.here();
        bind(self);
        self.loops.push(Loop {
            continues: Vec::new(),
            breaks: vec![exit],
        });
        self.block_for_effect(body);
        let step = self.here();
        self.emit(Op::ForLoop {
            counter,
            limit,
            target: Target(body_start),
        });
        self.close_loop(step);
    }

    /// Patches the innermost loop's jumps: `continue` to `step`, `break` to here.
    fn close_loop(&mut self, step: u32) {
        let Some(finished) = self.loops.pop() else {
            return;
        };
        for at in finished.continues {
            if let Some(target) = self.code.get_mut(at).and_then(Op::target_mut) {
                *target = step;
            }
        }
        self.patch(finished.breaks);
    }

    /// Emits a jump to `target` taken when `condition` is true.
    fn branch_if(&mut self, condition: &Expr, target: u32) {
        let mark = self.top;
        let target = Target(target);
        match &condition.kind {
            ExprKind::Binary(
                op @ (BinaryOp::Less | BinaryOp::Greater | BinaryOp::LessEq | BinaryOp::GreaterEq),
                left,
                right,
            ) if left.ty == Type::Int => {
                let (a, b) = self.operands(left, right);
                let (a, b) = match op {
                    BinaryOp::Less | BinaryOp::LessEq => (a, b),
                    _ => (b, a),
                };
                self.emit(match op {
                    BinaryOp::Less | BinaryOp::Greater => Op::JumpIfLtInt { a, b, target },
                    _ => Op::JumpIfLeInt { a, b, target },
                });
            }
            _ => {
                let flag = self.operand(condition);
                self.emit(Op::JumpIf {
                    condition: flag,
                    target,
                });
            }
        }
        self.top = mark;
    }

    /// Emits the test of an `if` and returns the jump taken when it is false.
    fn branch_unless(&mut self, condition: &Expr) -> usize {
        let mark = self.top;
        let at = match &condition.kind {
            ExprKind::Binary(
                op @ (BinaryOp::Less | BinaryOp::Greater | BinaryOp::LessEq | BinaryOp::GreaterEq),
                left,
                right,
            ) if left.ty == Type::Int => {
                // `n < 2`, `i <= 10`: the literal in the instruction.
                if let (BinaryOp::Less | BinaryOp::LessEq, ExprKind::Int(n)) = (op, &right.kind)
                    && let Ok(value) = i32::try_from(*n)
                {
                    let a = self.operand(left);
                    let target = Target(0);
                    let at = self.emit(if *op == BinaryOp::Less {
                        Op::JumpIfNotLtIntImm { a, value, target }
                    } else {
                        Op::JumpIfNotLeIntImm { a, value, target }
                    });
                    self.top = mark;
                    return at;
                }
                let (a, b) = self.operands(left, right);
                let (a, b) = match op {
                    BinaryOp::Less | BinaryOp::LessEq => (a, b),
                    _ => (b, a),
                };
                let target = Target(0);
                self.emit(match op {
                    BinaryOp::Less | BinaryOp::Greater => Op::JumpIfNotLtInt { a, b, target },
                    _ => Op::JumpIfNotLeInt { a, b, target },
                })
            }
            _ => {
                let flag = self.operand(condition);
                self.emit(Op::JumpIfNot {
                    condition: flag,
                    target: Target(0),
                })
            }
        };
        self.top = mark;
        at
    }

    /// `local = value`, into the local's register directly when the value is written by
    /// one last instruction after every read (a local read by the value keeps its old value
    /// until then); through a temporary otherwise (`x = y && x` writes `x` before reading
    /// it).
    fn assign(&mut self, local: Reg, value: &Expr) {
        // `s = s + t` on `str`, `xs = push(xs, x)`: in place.
        match &value.kind {
            ExprKind::Binary(BinaryOp::Add, left, right)
                if value.ty == Type::Str
                    && is_local(left, local)
                    && !assigns(right, usize::from(local)) =>
            {
                self.append(local, right);
                return;
            }
            ExprKind::Builtin(Builtin::Push, args)
                if args.len() == 2
                    && is_local(&args[0], local)
                    && !assigns(&args[1], usize::from(local)) =>
            {
                let src = self.operand(&args[1]);
                self.emit(Op::PushInPlace { dst: local, src });
                return;
            }
            _ => {}
        }
        if writes_last(value) {
            self.expr(value, local);
        } else {
            let mark = self.top;
            let temp = self.temp();
            self.expr(value, temp);
            self.emit(Op::Move {
                dst: local,
                src: temp,
            });
            self.top = mark;
        }
    }

    /// `local += value` on `str`: from the constant pool directly when `value` is a
    /// literal or a constant.
    fn append(&mut self, local: Reg, value: &Expr) {
        let text = match &value.kind {
            ExprKind::Str(text) => Some(text.clone()),
            ExprKind::Const(index) => match self.constants.get(*index) {
                Some(Value::Str(text)) => Some(text.clone()),
                _ => None,
            },
            _ => None,
        };
        match text {
            Some(text) => {
                let index = self.module.pool.add(Constant::Str(text));
                self.emit(Op::AppendConst { dst: local, index });
            }
            None => {
                let src = self.operand(value);
                self.emit(Op::Append { dst: local, src });
            }
        }
    }

    fn assign_op(&mut self, local: usize, op: AssignOp, value: &Expr, span: Span) {
        let local = Self::local(local);
        if op == AssignOp::Set {
            self.assign(local, value);
            return;
        }
        if value.ty == Type::Str {
            self.append(local, value);
            return;
        }
        let b = self.operand(value);
        let add = op == AssignOp::Add;
        let op = match (&value.ty, add) {
            (Type::Float, true) => Op::AddFloat {
                dst: local,
                a: local,
                b,
            },
            (Type::Float, false) => Op::SubFloat {
                dst: local,
                a: local,
                b,
            },
            (_, true) => Op::AddInt {
                dst: local,
                a: local,
                b,
            },
            (_, false) => Op::SubInt {
                dst: local,
                a: local,
                b,
            },
        };
        self.emit_at(op, span);
    }

    // ─── expressions ─────────────────────────────────────────────────────────────────

    /// The register holding `expr`'s value: a local's own, or a new temporary.
    fn operand(&mut self, expr: &Expr) -> Reg {
        if let ExprKind::Local(local) = expr.kind {
            return Self::local(local);
        }
        let reg = self.temp();
        self.expr(expr, reg);
        reg
    }

    /// The registers of two operands, evaluated left to right: a local on the left is read
    /// in place unless the right one assigns it (`x + { x = 5; 1 }` adds the old `x`).
    fn operands(&mut self, left: &Expr, right: &Expr) -> (Reg, Reg) {
        let a = match left.kind {
            ExprKind::Local(local) if assigns(right, local) => {
                let copy = self.temp();
                self.expr(left, copy);
                copy
            }
            _ => self.operand(left),
        };
        (a, self.operand(right))
    }

    /// `count` consecutive registers holding `exprs`' values, for calls and literals.
    fn consecutive(&mut self, exprs: &[Expr]) -> Reg {
        let base = Self::reg(self.top);
        let registers: Vec<Reg> = exprs.iter().map(|_| self.temp()).collect();
        for (expr, reg) in exprs.iter().zip(registers) {
            let mark = self.top;
            self.expr(expr, reg);
            self.top = mark;
        }
        base
    }

    fn count(len: usize) -> u8 {
        u8::try_from(len).unwrap_or(u8::MAX)
    }

    fn expr(&mut self, expr: &Expr, dst: Reg) {
        let mark = self.top;
        let span = expr.span;
        // Every type a value can have is in the table: the verifier looks up
        // `option[T]` for `some(x)`, `list[str]` for `keys(m)`.
        let ty = self.module.types.intern(&expr.ty);
        match &expr.kind {
            ExprKind::Int(n) => {
                match i32::try_from(*n) {
                    Ok(value) => self.emit(Op::Int { dst, value }),
                    Err(_) => {
                        let index = self.module.pool.add(Constant::Int(*n));
                        self.emit(Op::Const { dst, index })
                    }
                };
            }
            ExprKind::Float(x) => {
                let index = self.module.pool.add(Constant::Float(*x));
                self.emit(Op::Const { dst, index });
            }
            ExprKind::Str(text) => {
                let index = self.module.pool.add(Constant::Str(text.clone()));
                self.emit(Op::Const { dst, index });
            }
            ExprKind::Bool(value) => {
                self.emit(Op::Bool { dst, value: *value });
            }
            ExprKind::None => {
                self.emit(Op::None { dst, ty });
            }
            ExprKind::Local(local) => {
                let src = Self::local(*local);
                if src != dst {
                    self.emit(Op::Move { dst, src });
                }
            }
            ExprKind::Const(index) => {
                let value = self
                    .constants
                    .get(*index)
                    .map_or(Constant::Bool(false), constant_of);
                let index = self.module.pool.add(value);
                self.emit(Op::Const { dst, index });
            }
            ExprKind::Unary(op, operand) => {
                let src = self.operand(operand);
                match (op, &operand.ty) {
                    (UnaryOp::Neg, Type::Int) => self.emit_at(Op::NegInt { dst, src }, span),
                    (UnaryOp::Neg, _) => self.emit(Op::NegFloat { dst, src }),
                    (UnaryOp::Not, _) => self.emit(Op::Not { dst, src }),
                };
            }
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                self.expr(left, dst);
                let skip = if *op == BinaryOp::And {
                    Op::JumpIfNot {
                        condition: dst,
                        target: Target(0),
                    }
                } else {
                    Op::JumpIf {
                        condition: dst,
                        target: Target(0),
                    }
                };
                let at = self.emit(skip);
                self.expr(right, dst);
                self.patch(vec![at]);
            }
            ExprKind::Binary(op @ (BinaryOp::Add | BinaryOp::Sub), left, right)
                if left.ty == Type::Int && immediate(*op, right).is_some() =>
            {
                // `n - 1`, `i + 2`: one instruction, the same overflow as `rt::add`/`sub`.
                let src = self.operand(left);
                let value = immediate(*op, right).unwrap_or_default();
                self.emit_at(Op::AddIntImm { dst, src, value }, span);
            }
            ExprKind::Binary(op, left, right) => {
                let (a, b) = self.operands(left, right);
                self.binary(*op, &left.ty, dst, a, b, span);
            }
            ExprKind::Call(function, args) => {
                let base = self.consecutive(args);
                let function = u16::try_from(*function).unwrap_or(u16::MAX);
                self.emit_at(
                    Op::Call {
                        dst,
                        function,
                        base,
                    },
                    span,
                );
            }
            ExprKind::Host(function, args) => {
                let base = self.consecutive(args);
                let function = u16::try_from(*function).unwrap_or(u16::MAX);
                self.emit_at(
                    Op::Host {
                        dst,
                        function,
                        base,
                    },
                    span,
                );
            }
            ExprKind::Builtin(Builtin::EmptyMap, _) => {
                self.emit(Op::EmptyMap { dst, ty });
            }
            ExprKind::Builtin(builtin, args) => {
                let base = self.consecutive(args);
                let builtin = Builtin::ALL
                    .iter()
                    .position(|b| b == builtin)
                    .and_then(|at| u8::try_from(at).ok())
                    .unwrap_or(u8::MAX);
                self.emit_at(
                    Op::Builtin {
                        dst,
                        builtin,
                        base,
                        count: Self::count(args.len()),
                    },
                    span,
                );
            }
            ExprKind::Field(value, field) => {
                let field = u8::try_from(*field).unwrap_or(u8::MAX);
                let in_place = match value.kind {
                    ExprKind::Local(local) => self.in_place.iter().rev().find(|v| v.local == local),
                    _ => None,
                };
                if let Some(&InPlace { list, index, .. }) = in_place {
                    self.emit_at(
                        Op::FieldOfIndex {
                            dst,
                            list,
                            index,
                            field,
                        },
                        span,
                    );
                } else {
                    let src = self.operand(value);
                    self.emit(Op::Field { dst, src, field });
                }
            }
            ExprKind::Index(value, index) => {
                let (container, at) = self.operands(value, index);
                let op = if matches!(value.ty, Type::Map(_)) {
                    Op::Key {
                        dst,
                        map: container,
                        key: at,
                    }
                } else {
                    Op::Index {
                        dst,
                        list: container,
                        index: at,
                    }
                };
                self.emit_at(op, span);
            }
            ExprKind::List(elements) => {
                let base = self.consecutive(elements);
                self.emit_at(
                    Op::List {
                        dst,
                        base,
                        count: Self::count(elements.len()),
                        ty,
                    },
                    span,
                );
            }
            ExprKind::Record(record, fields) => {
                let base = self.consecutive(fields);
                let record = u16::try_from(*record).unwrap_or(u16::MAX);
                self.emit(Op::Record { dst, record, base });
            }
            ExprKind::If(condition, then, otherwise) => {
                let skip = self.branch_unless(condition);
                self.top = mark;
                match otherwise {
                    Some(otherwise) => {
                        self.block(then, dst);
                        let done = self.emit(Op::Jump { target: Target(0) });
                        self.patch(vec![skip]);
                        self.expr(otherwise, dst);
                        self.patch(vec![done]);
                    }
                    None => {
                        self.block_for_effect(then);
                        self.patch(vec![skip]);
                        self.emit(Op::Unit { dst });
                    }
                }
            }
            ExprKind::Match(value, arms) => self.matching(value, arms, dst),
            ExprKind::Block(block) => self.block(block, dst),
            ExprKind::Error => {
                self.emit(Op::Unit { dst });
            }
        }
        self.top = mark;
    }

    fn binary(&mut self, op: BinaryOp, ty: &Type, dst: Reg, a: Reg, b: Reg, span: Span) {
        let float = *ty == Type::Float;
        let instruction = match op {
            BinaryOp::Add if *ty == Type::Str => Op::Concat { dst, a, b },
            BinaryOp::Add if float => Op::AddFloat { dst, a, b },
            BinaryOp::Sub if float => Op::SubFloat { dst, a, b },
            BinaryOp::Mul if float => Op::MulFloat { dst, a, b },
            BinaryOp::Div if float => Op::DivFloat { dst, a, b },
            BinaryOp::Rem if float => Op::RemFloat { dst, a, b },
            BinaryOp::Add => Op::AddInt { dst, a, b },
            BinaryOp::Sub => Op::SubInt { dst, a, b },
            BinaryOp::Mul => Op::MulInt { dst, a, b },
            BinaryOp::Div => Op::DivInt { dst, a, b },
            BinaryOp::Rem => Op::RemInt { dst, a, b },
            BinaryOp::Eq => Op::Eq { dst, a, b },
            BinaryOp::NotEq => Op::Ne { dst, a, b },
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                // `a > b` is `b < a`, for NaN too: both are false.
                let (a, b) = match op {
                    BinaryOp::Greater | BinaryOp::GreaterEq => (b, a),
                    _ => (a, b),
                };
                let strict = matches!(op, BinaryOp::Less | BinaryOp::Greater);
                match (ty, strict) {
                    (Type::Float, true) => Op::LtFloat { dst, a, b },
                    (Type::Float, false) => Op::LeFloat { dst, a, b },
                    (Type::Str, true) => Op::LtStr { dst, a, b },
                    (Type::Str, false) => Op::LeStr { dst, a, b },
                    (_, true) => Op::LtInt { dst, a, b },
                    (_, false) => Op::LeInt { dst, a, b },
                }
            }
            // Compiled with jumps by `expr`.
            BinaryOp::And | BinaryOp::Or => Op::Unit { dst },
        };
        self.emit_at(instruction, span);
    }

    /// `match`: each arm's test in turn. The checker proved the arms exhaustive, so the
    /// last arm is taken without a test; a last `some(x)` still binds, and its jump for
    /// `none` (which cannot happen) goes to itself, so that every path stays typed.
    fn matching(&mut self, value: &Expr, arms: &[(Pattern, Expr)], dst: Reg) {
        let subject = self.operand(value);
        let mut done = Vec::new();
        // Arms after a `_` never run.
        let last = arms
            .iter()
            .position(|(pattern, _)| *pattern == Pattern::Wildcard)
            .unwrap_or(arms.len().saturating_sub(1));
        for (at, (pattern, arm)) in arms.iter().enumerate().take(last + 1) {
            let is_last = at == last;
            let mark = self.top;
            let mut next = None;
            match pattern {
                Pattern::Wildcard => {}
                Pattern::Some(local) => {
                    let here = self.here();
                    let test = self.emit(Op::MatchSome {
                        dst: Self::local(*local),
                        src: subject,
                        target: Target(here),
                    });
                    if !is_last {
                        next = Some(test);
                    }
                }
                Pattern::None if !is_last => {
                    // `MatchSome` jumps when the value is `none`: to this arm.
                    let scratch = self.temp();
                    let test = self.emit(Op::MatchSome {
                        dst: scratch,
                        src: subject,
                        target: Target(0),
                    });
                    let skip = self.emit(Op::Jump { target: Target(0) });
                    self.patch(vec![test]);
                    next = Some(skip);
                }
                _ if is_last => {}
                literal => {
                    let expected = self.temp();
                    match literal {
                        Pattern::Int(n) => {
                            self.expr(
                                &Expr {
                                    kind: ExprKind::Int(*n),
                                    ty: Type::Int,
                                    span: value.span,
                                },
                                expected,
                            );
                        }
                        Pattern::Str(text) => {
                            let index = self.module.pool.add(Constant::Str(text.clone()));
                            self.emit(Op::Const {
                                dst: expected,
                                index,
                            });
                        }
                        Pattern::Bool(b) => {
                            self.emit(Op::Bool {
                                dst: expected,
                                value: *b,
                            });
                        }
                        _ => {}
                    }
                    self.emit(Op::Eq {
                        dst: expected,
                        a: subject,
                        b: expected,
                    });
                    next = Some(self.emit(Op::JumpIfNot {
                        condition: expected,
                        target: Target(0),
                    }));
                }
            }
            self.top = mark;
            self.expr(arm, dst);
            if !is_last {
                done.push(self.emit(Op::Jump { target: Target(0) }));
            }
            if let Some(next) = next {
                self.patch(vec![next]);
            }
        }
        self.patch(done);
    }
}

/// `+ n` or `- n` with `n` an `int` literal that fits an instruction: what to add.
fn immediate(op: BinaryOp, right: &Expr) -> Option<i32> {
    let ExprKind::Int(n) = right.kind else {
        return None;
    };
    let n = i32::try_from(n).ok()?;
    match op {
        BinaryOp::Add => Some(n),
        BinaryOp::Sub => n.checked_neg(),
        _ => None,
    }
}

/// Whether evaluating `expr` can assign `local` (a block inside it that does).
fn assigns(expr: &Expr, local: usize) -> bool {
    struct Finder {
        local: usize,
        found: bool,
    }
    impl Visitor for Finder {
        fn visit_stmt(&mut self, stmt: &Stmt) {
            match stmt {
                Stmt::Assign { local, .. } | Stmt::Let { local, .. } if *local == self.local => {
                    self.found = true;
                }
                Stmt::ForList { local, .. } | Stmt::ForRange { local, .. }
                    if *local == self.local =>
                {
                    self.found = true;
                }
                _ => {}
            }
            ir::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &Expr) {
            if let ExprKind::Match(_, arms) = &expr.kind
                && arms
                    .iter()
                    .any(|(pattern, _)| *pattern == Pattern::Some(self.local))
            {
                self.found = true;
            }
            self.visit_expr_children(expr);
        }
    }
    let mut finder = Finder {
        local,
        found: false,
    };
    finder.visit_expr(expr);
    finder.found
}

/// Whether `body` uses the `for` variable `local` only as `local.field`, and never binds
/// it again: then the loop need not copy each element into the variable's register.
fn reads_only_fields(body: &Block, local: usize) -> bool {
    struct Uses {
        local: usize,
        other_use: bool,
    }
    impl Visitor for Uses {
        fn visit_stmt(&mut self, stmt: &Stmt) {
            match stmt {
                Stmt::Assign { local, .. }
                | Stmt::Let { local, .. }
                | Stmt::ForList { local, .. }
                | Stmt::ForRange { local, .. }
                    if *local == self.local =>
                {
                    self.other_use = true;
                }
                _ => {}
            }
            ir::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &Expr) {
            match &expr.kind {
                // Read in place: not a use of the whole record.
                ExprKind::Field(value, _) if matches!(value.kind, ExprKind::Local(l) if l == self.local) =>
                    {}
                ExprKind::Local(l) if *l == self.local => self.other_use = true,
                ExprKind::Match(_, arms)
                    if arms
                        .iter()
                        .any(|(pattern, _)| *pattern == Pattern::Some(self.local)) =>
                {
                    self.other_use = true;
                }
                _ => self.visit_expr_children(expr),
            }
        }
    }
    let mut uses = Uses {
        local,
        other_use: false,
    };
    uses.visit_block(body);
    !uses.other_use
}

fn is_local(expr: &Expr, local: Reg) -> bool {
    matches!(expr.kind, ExprKind::Local(index) if index == usize::from(local))
}

/// Whether compiling `expr` into a register writes it once, after every read of the
/// expression's operands: then a local can be the destination directly.
fn writes_last(expr: &Expr) -> bool {
    !matches!(
        expr.kind,
        ExprKind::If(..)
            | ExprKind::Match(..)
            | ExprKind::Block(..)
            | ExprKind::Binary(BinaryOp::And | BinaryOp::Or, ..)
    )
}
