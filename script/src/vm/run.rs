//! The interpreter loop: one `match` per instruction over a register file shared by every
//! call (each call's registers are a window of it, so a call is no allocation once the
//! file has grown). Calls do not recurse in Rust: a script's recursion is limited by
//! [`Limits::call_depth`], never by the thread's stack.
//!
//! The verifier proved every register read to hold a value of the type the instruction
//! needs; the VM still matches each value's kind (Rust's enums leave no choice, and it
//! costs a predicted branch), and a mismatch would be [`Fault::Internal`], never undefined
//! behaviour or a panic. The mutation tests check that no verified program reaches one.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::bytecode::image::{Constant, Image, TypeDef};
use crate::bytecode::op::{Op, Reg};
use crate::error::ErrorKind;
use crate::ir::Builtin;
use crate::rt;

use super::Limits;
use super::host::HostFunction;
use super::slot::{Slot, Table};

/// Why a run stopped without a value, before the place is attached.
#[derive(Debug)]
pub(crate) enum Fault {
    /// A run-time error of the script, at instruction `pc` of function `function`.
    Script {
        kind: ErrorKind,
        function: usize,
        pc: usize,
    },
    OutOfFuel,
    TooDeep,
    OutOfMemory,
    /// Host function `function` returned a value of another type.
    HostResult {
        function: usize,
        mismatch: super::slot::Mismatch,
    },
    /// Broke an invariant the verifier proves: a bug of the VM or of the verifier.
    Internal(&'static str),
}

struct Frame<'a> {
    function: usize,
    code: &'a [Op],
    pc: usize,
    base: usize,
    registers: usize,
    holds_shared: bool,
    dst: Reg,
}

/// What a call and a return need of a function, in one place: looked up once per call
/// rather than through the image's function table and the facts apart.
struct Callee<'a> {
    code: &'a [Op],
    registers: usize,
    params: usize,
    /// [`Facts::holds_shared`](crate::bytecode::verify::Facts::holds_shared).
    holds_shared: bool,
}

/// How many registers a call can name: one byte's worth.
const WINDOW: usize = 256;

/// The registers of the call whose first register is `base`: a window of the file that a
/// register byte indexes without a bounds check.
#[inline(always)]
fn window(regs: &mut [Slot], base: usize) -> Result<&mut [Slot; WINDOW], Fault> {
    regs.get_mut(base..base + WINDOW)
        .ok_or_else(broken)?
        .try_into()
        .map_err(|_| BROKEN)
}

/// Runs `function` of `image` with `args` (already of its parameters' types).
pub(crate) fn run(
    image: &Image,
    holds_shared: &[bool],
    host: &[HostFunction],
    limits: &Limits,
    function: usize,
    args: Vec<Slot>,
) -> Result<Slot, Fault> {
    let mut machine = Machine {
        image,
        holds_shared,
        host,
        limits,
        memory: 0,
    };
    machine.run(function, args)
}

struct Machine<'a> {
    image: &'a Image,
    /// Per function: whether its registers can hold shared values
    /// ([`Facts`](crate::bytecode::verify::Facts)).
    holds_shared: &'a [bool],
    host: &'a [HostFunction],
    limits: &'a Limits,
    /// Bytes of strings, lists, maps and records made so far in this run.
    memory: usize,
}

const BROKEN: Fault = Fault::Internal("a register holds a value of another type");

/// Writes a register. The old value is dropped only when it holds a reference count: for
/// numbers and booleans, what every loop writes, the write is a plain store rather than a
/// call of `Slot`'s drop glue.
#[inline(always)]
fn store(slot: &mut Slot, value: Slot) {
    if slot.is_shared() {
        *slot = value;
    } else {
        std::mem::forget(std::mem::replace(slot, value));
    }
}

/// [`BROKEN`], made only when needed: `ok_or(BROKEN)` would build and drop a `Fault` on
/// every instruction that succeeds.
#[cold]
fn broken() -> Fault {
    BROKEN
}

impl Machine<'_> {
    /// Counts `bytes` against the memory limit, before they are allocated.
    #[inline]
    fn charge(&mut self, bytes: usize) -> Result<(), Fault> {
        self.memory = self.memory.saturating_add(bytes);
        if self.memory > self.limits.memory {
            Err(Fault::OutOfMemory)
        } else {
            Ok(())
        }
    }

    fn run(&mut self, entry: usize, args: Vec<Slot>) -> Result<Slot, Fault> {
        let image = self.image;
        let mut function_index = entry;
        // The register file: each call's registers are a window of it, and the file always
        // reaches 256 past the current call's first register, so the window is a
        // `[Slot; 256]` that a one-byte register number indexes without a bounds check.
        // Registers a call has not written hold what an earlier call left: the verifier
        // proved every register written before it is read.
        let mut regs: Vec<Slot> = Vec::with_capacity(1024);
        regs.extend(args);
        regs.resize(WINDOW, Slot::Unit);
        let mut frames: Vec<Frame> = Vec::new();
        let mut base = 0usize;
        let mut pc = 0usize;
        // Fuel is counted in instructions, charged at each jump, call and return for the
        // instructions run since the last one: a straight run of code is never longer than
        // its function, so the budget is exact at every transfer and never overshot by more.
        // It is kept as the `pc` of the current straight run at which it would be spent
        // (what is left, plus where the run began): one number to compare at a transfer.
        let mut fuel_end = usize::try_from(self.limits.fuel).unwrap_or(usize::MAX);
        let call_depth = self.limits.call_depth;

        // Charges the run that ends at `pc` and begins the next one at `to`.
        macro_rules! transfer {
            ($to:expr) => {{
                if pc > fuel_end {
                    return Err(Fault::OutOfFuel);
                }
                fuel_end = (fuel_end - pc).saturating_add($to);
            }};
        }

        let callees: Vec<Callee<'_>> = image
            .functions
            .iter()
            .enumerate()
            .map(|(index, function)| Callee {
                code: &function.code,
                registers: usize::from(function.registers),
                params: function.signature.params.len(),
                holds_shared: self.holds_shared.get(index).copied().unwrap_or(true),
            })
            .collect();
        let current = callees.get(function_index).ok_or_else(broken)?;
        let mut code = current.code;
        let mut registers = current.registers;
        let mut holds_shared = current.holds_shared;
        let mut frame = window(&mut regs, base)?;

        macro_rules! reg {
            ($r:expr) => {
                &frame[usize::from($r)]
            };
        }
        macro_rules! set {
            ($r:expr, $value:expr) => {{
                let value = $value;
                store(&mut frame[usize::from($r)], value);
            }};
        }
        // An `int` result: written in place when the register already holds an `int` (no
        // drop of the old value to consider), as in every loop counter and sum.
        macro_rules! set_int {
            ($r:expr, $value:expr) => {{
                let value: i64 = $value;
                match &mut frame[usize::from($r)] {
                    Slot::Int(slot) => *slot = value,
                    slot => *slot = Slot::Int(value),
                }
            }};
        }
        macro_rules! set_bool {
            ($r:expr, $value:expr) => {{
                let value: bool = $value;
                match &mut frame[usize::from($r)] {
                    Slot::Bool(slot) => *slot = value,
                    slot => *slot = Slot::Bool(value),
                }
            }};
        }
        // A copy of a value into a register: an `int` (what loops read out of lists and
        // records) without the general clone's match over every kind.
        macro_rules! copy {
            ($r:expr, $value:expr) => {{
                match $value {
                    Slot::Int(n) => {
                        let n = *n;
                        set_int!($r, n);
                    }
                    value => {
                        let value = value.clone();
                        set!($r, value);
                    }
                }
            }};
        }
        macro_rules! int {
            ($r:expr) => {
                match reg!($r) {
                    Slot::Int(n) => *n,
                    _ => return Err(BROKEN),
                }
            };
        }
        macro_rules! float {
            ($r:expr) => {
                match reg!($r) {
                    Slot::Float(x) => *x,
                    _ => return Err(BROKEN),
                }
            };
        }
        macro_rules! boolean {
            ($r:expr) => {
                match reg!($r) {
                    Slot::Bool(b) => *b,
                    _ => return Err(BROKEN),
                }
            };
        }
        macro_rules! text {
            ($r:expr) => {
                match reg!($r) {
                    Slot::Str(text) => text,
                    _ => return Err(BROKEN),
                }
            };
        }
        macro_rules! fail {
            ($result:expr) => {
                match $result {
                    Ok(value) => value,
                    Err(kind) => {
                        return Err(Fault::Script {
                            kind,
                            function: function_index,
                            pc: pc - 1,
                        });
                    }
                }
            };
        }
        macro_rules! jump {
            ($target:expr) => {{
                let to = $target.0 as usize;
                transfer!(to);
                pc = to;
            }};
        }
        macro_rules! window {
            ($base:expr, $count:expr) => {
                frame
                    .get(usize::from($base)..usize::from($base) + $count)
                    .ok_or_else(broken)?
            };
        }

        loop {
            let Some(op) = code.get(pc) else {
                return Err(Fault::Internal("ran past the end of a function"));
            };
            pc += 1;
            match *op {
                Op::Move { dst, src } => copy!(dst, reg!(src)),
                Op::Const { dst, index } => {
                    let value = match image.constants.get(index as usize) {
                        Some(Constant::Int(n)) => Slot::Int(*n),
                        Some(Constant::Float(x)) => Slot::Float(*x),
                        Some(Constant::Bool(b)) => Slot::Bool(*b),
                        Some(Constant::Str(text)) => {
                            self.charge(text.len())?;
                            Slot::text(text.clone())
                        }
                        None => return Err(BROKEN),
                    };
                    set!(dst, value);
                }
                Op::Int { dst, value } => set_int!(dst, i64::from(value)),
                Op::Bool { dst, value } => set_bool!(dst, value),
                Op::None { dst, .. } => set!(dst, Slot::Option(None)),
                Op::Unit { dst } => set!(dst, Slot::Unit),
                Op::EmptyMap { dst, .. } => set!(dst, Slot::Map(Rc::new(BTreeMap::new()))),
                Op::NegInt { dst, src } => set_int!(dst, fail!(rt::neg(int!(src)))),
                Op::NegFloat { dst, src } => set!(dst, Slot::Float(-float!(src))),
                Op::Not { dst, src } => set_bool!(dst, !boolean!(src)),
                Op::AddInt { dst, a, b } => set_int!(dst, fail!(rt::add(int!(a), int!(b)))),
                Op::SubInt { dst, a, b } => set_int!(dst, fail!(rt::sub(int!(a), int!(b)))),
                Op::MulInt { dst, a, b } => set_int!(dst, fail!(rt::mul(int!(a), int!(b)))),
                Op::DivInt { dst, a, b } => set_int!(dst, fail!(rt::div(int!(a), int!(b)))),
                Op::RemInt { dst, a, b } => set_int!(dst, fail!(rt::rem(int!(a), int!(b)))),
                Op::AddIntImm { dst, src, value } => {
                    set_int!(dst, fail!(rt::add(int!(src), i64::from(value))));
                }
                Op::AddFloat { dst, a, b } => set!(dst, Slot::Float(float!(a) + float!(b))),
                Op::SubFloat { dst, a, b } => set!(dst, Slot::Float(float!(a) - float!(b))),
                Op::MulFloat { dst, a, b } => set!(dst, Slot::Float(float!(a) * float!(b))),
                Op::DivFloat { dst, a, b } => {
                    set!(dst, Slot::Float(fail!(rt::div_float(float!(a), float!(b)))));
                }
                Op::RemFloat { dst, a, b } => {
                    set!(dst, Slot::Float(fail!(rt::rem_float(float!(a), float!(b)))));
                }
                Op::LtInt { dst, a, b } => set_bool!(dst, int!(a) < int!(b)),
                Op::LeInt { dst, a, b } => set_bool!(dst, int!(a) <= int!(b)),
                Op::LtFloat { dst, a, b } => set_bool!(dst, float!(a) < float!(b)),
                Op::LeFloat { dst, a, b } => set_bool!(dst, float!(a) <= float!(b)),
                Op::LtStr { dst, a, b } => {
                    let less = text!(a) < text!(b);
                    set_bool!(dst, less);
                }
                Op::LeStr { dst, a, b } => {
                    let less = text!(a) <= text!(b);
                    set_bool!(dst, less);
                }
                Op::Eq { dst, a, b } => {
                    let equal = reg!(a).eq(reg!(b));
                    set_bool!(dst, equal);
                }
                Op::Ne { dst, a, b } => {
                    let equal = reg!(a).eq(reg!(b));
                    set_bool!(dst, !equal);
                }
                Op::Concat { dst, a, b } => {
                    let (a, b) = (text!(a), text!(b));
                    self.charge(a.len() + b.len())?;
                    let joined = rt::concat(a, b);
                    set!(dst, Slot::text(joined));
                }
                Op::Append { dst, src } => {
                    if dst == src {
                        let doubled = text!(src).repeat(2);
                        self.charge(doubled.len() / 2)?;
                        set!(dst, Slot::text(doubled));
                    } else {
                        let [text, addition] = frame
                            .get_disjoint_mut([usize::from(dst), usize::from(src)])
                            .map_err(|_| BROKEN)?;
                        let (Slot::Str(text), Slot::Str(addition)) = (text, &*addition) else {
                            return Err(BROKEN);
                        };
                        self.charge(addition.len())?;
                        // In place when this register is the text's only owner.
                        Rc::make_mut(text).push_str(addition);
                    }
                }
                Op::AppendConst { dst, index } => {
                    let Some(Constant::Str(addition)) = image.constants.get(index as usize) else {
                        return Err(BROKEN);
                    };
                    self.charge(addition.len())?;
                    let Slot::Str(text) = &mut frame[usize::from(dst)] else {
                        return Err(BROKEN);
                    };
                    Rc::make_mut(text).push_str(addition);
                }
                Op::PushInPlace { dst, src } => {
                    let element = reg!(src).clone();
                    self.charge(pushed_weight(&element))?;
                    match &mut frame[usize::from(dst)] {
                        Slot::List(list) => Rc::make_mut(list).push(element),
                        Slot::Table(table) => {
                            let fields = element.fields().ok_or_else(broken)?;
                            Rc::make_mut(table).push(fields).ok_or_else(broken)?;
                        }
                        _ => return Err(BROKEN),
                    }
                }
                Op::Jump { target } => jump!(target),
                Op::JumpIf { condition, target } => {
                    if boolean!(condition) {
                        jump!(target);
                    }
                }
                Op::JumpIfNot { condition, target } => {
                    if !boolean!(condition) {
                        jump!(target);
                    }
                }
                Op::JumpIfNotLtInt { a, b, target } => {
                    if int!(a) >= int!(b) {
                        jump!(target);
                    }
                }
                Op::ForLoop {
                    counter,
                    limit,
                    target,
                } => {
                    let limit = int!(limit);
                    let Slot::Int(count) = &mut frame[usize::from(counter)] else {
                        return Err(BROKEN);
                    };
                    // Cannot overflow: `count < limit` held when the step began.
                    *count = count.checked_add(1).ok_or_else(broken)?;
                    if *count < limit {
                        jump!(target);
                    }
                }
                Op::JumpIfLtInt { a, b, target } => {
                    if int!(a) < int!(b) {
                        jump!(target);
                    }
                }
                Op::JumpIfLeInt { a, b, target } => {
                    if int!(a) <= int!(b) {
                        jump!(target);
                    }
                }
                Op::JumpIfNotLtIntImm { a, value, target } => {
                    if int!(a) >= i64::from(value) {
                        jump!(target);
                    }
                }
                Op::JumpIfNotLeIntImm { a, value, target } => {
                    if int!(a) > i64::from(value) {
                        jump!(target);
                    }
                }
                Op::JumpIfNotLeInt { a, b, target } => {
                    if int!(a) > int!(b) {
                        jump!(target);
                    }
                }
                Op::Call {
                    dst,
                    function: callee,
                    base: args,
                } => {
                    transfer!(0);
                    let callee_index = usize::from(callee);
                    let target = callees.get(callee_index).ok_or_else(broken)?;
                    if frames.len() + 1 >= call_depth {
                        return Err(Fault::TooDeep);
                    }
                    let new_base = base + registers;
                    if regs.len() < new_base + WINDOW {
                        regs.resize(new_base + WINDOW, Slot::Unit);
                    }
                    // The arguments change places with the callee's first registers: the
                    // arguments' registers are the caller's temporaries, dead after the
                    // call, and what they receive holds no reference count (every call
                    // that held one cleared its registers when it returned), so nothing
                    // is cloned or dropped.
                    let first = base + usize::from(args);
                    let (caller_regs, callee_regs) = regs.split_at_mut(new_base);
                    // One or two arguments, usually: a plain loop, not `swap_with_slice`'s
                    // vectorised one.
                    for offset in 0..target.params {
                        std::mem::swap(
                            caller_regs.get_mut(first + offset).ok_or_else(broken)?,
                            callee_regs.get_mut(offset).ok_or_else(broken)?,
                        );
                    }
                    frames.push(Frame {
                        function: function_index,
                        code,
                        pc,
                        base,
                        registers,
                        holds_shared,
                        dst,
                    });
                    function_index = callee_index;
                    base = new_base;
                    pc = 0;
                    code = target.code;
                    registers = target.registers;
                    holds_shared = target.holds_shared;
                    frame = window(&mut regs, base)?;
                }
                Op::Return { src } => {
                    let value = std::mem::take(&mut frame[usize::from(src)]);
                    // The call's strings, lists and maps go now, not when the registers are
                    // next written: a value shared with a dead register would be copied by
                    // the caller's next change in place.
                    if holds_shared {
                        for slot in frame.get_mut(..registers).ok_or_else(broken)? {
                            if slot.is_shared() {
                                *slot = Slot::Unit;
                            }
                        }
                    }
                    let Some(caller) = frames.pop() else {
                        if pc > fuel_end {
                            return Err(Fault::OutOfFuel);
                        }
                        return Ok(value);
                    };
                    transfer!(caller.pc);
                    function_index = caller.function;
                    base = caller.base;
                    pc = caller.pc;
                    code = caller.code;
                    registers = caller.registers;
                    holds_shared = caller.holds_shared;
                    frame = window(&mut regs, base)?;
                    store(&mut frame[usize::from(caller.dst)], value);
                }
                Op::Host {
                    dst,
                    function: callee,
                    base: args,
                } => {
                    let host = self.host.get(usize::from(callee)).ok_or_else(broken)?;
                    let values = window!(args, host.arity())
                        .iter()
                        .map(Slot::to_value)
                        .collect::<Vec<_>>();
                    // `None` only when an argument did not convert: binding checked the
                    // closure's parameter types against the declaration.
                    let result = host.call(&values).ok_or_else(broken)?;
                    let ret = image.host.get(usize::from(callee)).ok_or_else(broken)?.ret;
                    let slot = Slot::from_value(image, ret, &result).map_err(|mismatch| {
                        Fault::HostResult {
                            function: usize::from(callee),
                            mismatch,
                        }
                    })?;
                    self.charge(slot.weight())?;
                    set!(dst, slot);
                }
                Op::Builtin {
                    dst,
                    builtin,
                    base: args,
                    count,
                } => {
                    let builtin = *Builtin::ALL.get(usize::from(builtin)).ok_or_else(broken)?;
                    let args = window!(args, usize::from(count));
                    let value = self.builtin(builtin, args).map_err(|fault| match fault {
                        BuiltinFault::Kind(kind) => Fault::Script {
                            kind,
                            function: function_index,
                            pc: pc - 1,
                        },
                        BuiltinFault::Fault(fault) => fault,
                    })?;
                    set!(dst, value);
                }
                Op::List {
                    dst,
                    base: args,
                    count,
                    ty,
                } => {
                    let element = match image.types.get(usize::from(ty)) {
                        Some(TypeDef::List(element)) => *element,
                        _ => return Err(BROKEN),
                    };
                    let elements = window!(args, usize::from(count)).to_vec();
                    let list =
                        Slot::list(elements, image.record_width(element)).ok_or_else(broken)?;
                    self.charge(list.weight())?;
                    set!(dst, list);
                }
                Op::Record {
                    dst,
                    record,
                    base: args,
                } => {
                    let fields = image
                        .records
                        .get(usize::from(record))
                        .ok_or_else(broken)?
                        .fields
                        .len();
                    let record = Slot::Record(Rc::new(window!(args, fields).to_vec()));
                    self.charge(record.weight())?;
                    set!(dst, record);
                }
                Op::Field { dst, src, field } => {
                    let Some(fields) = reg!(src).fields() else {
                        return Err(BROKEN);
                    };
                    copy!(dst, fields.get(usize::from(field)).ok_or_else(broken)?);
                }
                Op::Index { dst, list, index } => match reg!(list) {
                    Slot::List(elements) => copy!(dst, fail!(rt::index(elements, int!(index)))),
                    Slot::Table(table) => {
                        let row = fail!(rt::position(table.rows, int!(index)));
                        let record = Slot::row(table, row);
                        set!(dst, record);
                    }
                    _ => return Err(BROKEN),
                },
                Op::FieldOfIndex {
                    dst,
                    list,
                    index,
                    field,
                } => {
                    let field = usize::from(field);
                    let value = match reg!(list) {
                        // Row `index`'s cell `field`: the next record's fields follow this
                        // one's in memory.
                        Slot::Table(table) => {
                            let row = fail!(rt::position(table.rows, int!(index)));
                            if field >= table.width {
                                return Err(BROKEN);
                            }
                            table.cells.get(row * table.width + field)
                        }
                        Slot::List(elements) => fail!(rt::index(elements, int!(index)))
                            .fields()
                            .and_then(|fields| fields.get(field)),
                        _ => return Err(BROKEN),
                    };
                    copy!(dst, value.ok_or_else(broken)?);
                }
                Op::Key { dst, map, key } => {
                    let Slot::Map(entries) = reg!(map) else {
                        return Err(BROKEN);
                    };
                    let value = fail!(rt::key(entries, text!(key))).clone();
                    set!(dst, value);
                }
                Op::ListLen { dst, list } => {
                    let len = match reg!(list) {
                        Slot::List(elements) => elements.len(),
                        Slot::Table(table) => table.rows,
                        _ => return Err(BROKEN),
                    };
                    set_int!(dst, rt::len(len));
                }
                Op::Some { dst, src } => {
                    let value = reg!(src).clone();
                    set!(dst, Slot::Option(Some(Rc::new(value))));
                }
                Op::MatchSome { dst, src, target } => {
                    let Slot::Option(option) = reg!(src) else {
                        return Err(BROKEN);
                    };
                    match option {
                        Some(inner) => {
                            let value = Slot::clone(inner);
                            set!(dst, value);
                        }
                        None => jump!(target),
                    }
                }
            }
        }
    }

    /// A builtin over its arguments, with [`rt`]'s semantics.
    fn builtin(&mut self, builtin: Builtin, args: &[Slot]) -> Result<Slot, BuiltinFault> {
        use BuiltinFault::Kind;
        let broken = || BuiltinFault::Fault(BROKEN);
        Ok(match (builtin, args) {
            (Builtin::Len, [Slot::Str(text)]) => Slot::Int(rt::len_str(text)),
            (Builtin::Len, [Slot::List(list)]) => Slot::Int(rt::len(list.len())),
            (Builtin::Len, [Slot::Table(table)]) => Slot::Int(rt::len(table.rows)),
            (Builtin::Len, [Slot::Map(map)]) => Slot::Int(rt::len(map.len())),
            (Builtin::Min, [Slot::Int(a), Slot::Int(b)]) => Slot::Int(*a.min(b)),
            (Builtin::Min, [Slot::Float(a), Slot::Float(b)]) => Slot::Float(a.min(*b)),
            (Builtin::Max, [Slot::Int(a), Slot::Int(b)]) => Slot::Int(*a.max(b)),
            (Builtin::Max, [Slot::Float(a), Slot::Float(b)]) => Slot::Float(a.max(*b)),
            (Builtin::Abs, [Slot::Int(a)]) => Slot::Int(rt::abs(*a).map_err(Kind)?),
            (Builtin::Abs, [Slot::Float(a)]) => Slot::Float(a.abs()),
            (Builtin::Round, [Slot::Float(a)]) => Slot::Float(rt::round(*a)),
            (Builtin::ToInt, [Slot::Float(a)]) => Slot::Int(rt::to_int(*a).map_err(Kind)?),
            (Builtin::ToFloat, [Slot::Int(a)]) => Slot::Float(rt::to_float(*a)),
            (Builtin::ToStr, [value]) => {
                let text = match value {
                    Slot::Int(n) => n.to_string(),
                    Slot::Float(x) => rt::float_to_str(*x),
                    Slot::Bool(b) => b.to_string(),
                    Slot::Str(text) => String::clone(text),
                    _ => return Err(broken()),
                };
                self.charge(text.len()).map_err(BuiltinFault::Fault)?;
                Slot::text(text)
            }
            (Builtin::Contains, [Slot::Str(text), Slot::Str(part)]) => {
                Slot::Bool(rt::contains_str(text, part))
            }
            (Builtin::Contains, [Slot::Table(table), value]) => {
                let record = value.fields();
                Slot::Bool((0..table.rows).any(|row| table.row(row) == record))
            }
            (Builtin::Contains, [Slot::List(list), value]) => {
                Slot::Bool(rt::contains_list(list, value))
            }
            (Builtin::Contains, [Slot::Map(map), Slot::Str(key)]) => {
                Slot::Bool(rt::contains_key(map, key))
            }
            (Builtin::Push, [Slot::Table(table), value]) => {
                self.charge(table.cells.len() * std::mem::size_of::<Slot>() + pushed_weight(value))
                    .map_err(BuiltinFault::Fault)?;
                let mut pushed = Table::clone(table);
                pushed
                    .push(value.fields().ok_or_else(broken)?)
                    .ok_or_else(broken)?;
                Slot::Table(Rc::new(pushed))
            }
            (Builtin::Push, [Slot::List(list), value]) => {
                let pushed = Slot::List(Rc::new(rt::push(list, value.clone())));
                self.charge(pushed.weight()).map_err(BuiltinFault::Fault)?;
                pushed
            }
            (Builtin::Keys, [Slot::Map(map)]) => {
                let keys = Slot::List(Rc::new(rt::keys(map).into_iter().map(Slot::text).collect()));
                self.charge(keys.weight()).map_err(BuiltinFault::Fault)?;
                keys
            }
            (Builtin::Get, [Slot::Map(map), Slot::Str(key)]) => {
                Slot::Option(rt::get_map(map, key).map(Rc::new))
            }
            (Builtin::Get, [Slot::Table(table), Slot::Int(index)]) => Slot::Option(
                rt::position(table.rows, *index)
                    .ok()
                    .map(|row| Rc::new(Slot::row(table, row))),
            ),
            (Builtin::Get, [Slot::List(list), Slot::Int(index)]) => {
                Slot::Option(rt::get_list(list, *index).map(Rc::new))
            }
            (Builtin::Insert, [Slot::Map(map), Slot::Str(key), value]) => {
                self.charge(map.len() * (std::mem::size_of::<Slot>() + 24))
                    .map_err(BuiltinFault::Fault)?;
                Slot::Map(Rc::new(rt::insert(map, key, value.clone())))
            }
            (Builtin::Some, [value]) => Slot::Option(Some(Rc::new(value.clone()))),
            (Builtin::EmptyMap, []) => Slot::Map(Rc::new(BTreeMap::new())),
            _ => return Err(broken()),
        })
    }
}

/// What pushing `element` adds: a slot, or a record's fields into a table.
fn pushed_weight(element: &Slot) -> usize {
    let slots = element.fields().map_or(1, |fields| fields.len().max(1));
    slots * std::mem::size_of::<Slot>() + element.weight()
}

enum BuiltinFault {
    Kind(ErrorKind),
    Fault(Fault),
}
