//! The verifier: runs on every load, whatever produced the bytes, and proves what the VM
//! relies on.
//!
//! - The tables are well formed: every type names earlier types or a record that exists,
//!   each type is in the table once (so equal types have equal ids), every constant, record,
//!   function and host function an instruction names exists, names are not used twice.
//! - In every function, on every path (a data-flow analysis to a fixed point, as
//!   WebAssembly validation and the JVM's verifier do): every register read has been
//!   written, with a value of the type the instruction needs; calls pass as many arguments
//!   as the callee has parameters, of its parameters' types; `Return` gives the function's
//!   result type; no path runs past the last instruction. (Jumps that do not land on an
//!   instruction of their function are refused while decoding, where byte offsets exist.)
//!
//! The state at a block's entry maps each register to a type or to "unusable" (never
//! written, or written with different types on two paths); merging only moves registers
//! toward unusable, so each block is visited at most once per register plus once: the work
//! is bounded by registers × code, whatever the input.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::ir::Builtin;

use super::compile::MAX_REGISTERS;
use super::image::{Constant, Function, Image, Signature, TypeDef, TypeId};
use super::op::{Op, Reg};

/// Why a program was refused: the function and instruction, when the reason is in code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The function, when the reason is in one.
    pub function: Option<String>,
    /// The instruction's index in it, when the reason is one instruction.
    pub pc: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.function, self.pc) {
            (Some(function), Some(pc)) => write!(f, "in `{function}`, instruction {pc}: ")?,
            (Some(function), None) => write!(f, "in `{function}`: ")?,
            _ => {}
        }
        f.write_str(&self.reason)
    }
}

impl std::error::Error for VerifyError {}

fn refuse(reason: impl Into<String>) -> VerifyError {
    VerifyError {
        function: None,
        pc: None,
        reason: reason.into(),
    }
}

/// What the analysis proved about each function, beyond its safety, that the VM uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Per function: whether a register of it ever holds a string, list, map, option or
    /// record (a reference-counted value the VM releases when the call returns); a
    /// function of numbers and booleans only returns without looking at its registers.
    pub holds_shared: Vec<bool>,
}

/// Proves `image` safe to run, or says why not.
pub fn verify(image: &Image) -> Result<Facts, VerifyError> {
    let ids = check_tables(image)?;
    let tables = Tables { image, ids };
    let mut facts = Facts::default();
    for function in &image.functions {
        let shared = check_function(&tables, function).map_err(|mut error| {
            error.function = Some(function.signature.name.clone());
            error
        })?;
        facts.holds_shared.push(shared);
    }
    Ok(facts)
}

/// The type table, looked up by definition.
struct Tables<'a> {
    image: &'a Image,
    ids: HashMap<TypeDef, TypeId>,
}

impl Tables<'_> {
    fn def(&self, id: TypeId) -> Option<TypeDef> {
        self.image.types.get(usize::from(id)).copied()
    }

    fn id(&self, def: TypeDef) -> Result<TypeId, String> {
        self.ids
            .get(&def)
            .copied()
            .ok_or_else(|| format!("the type table has no {def:?}, which an instruction makes"))
    }

    fn name(&self, id: TypeId) -> String {
        self.image.type_name(id).to_string()
    }

    /// The type of field `field` of a value of type `ty` (read from `place`), which must be
    /// a record that has it.
    fn field(&self, ty: TypeId, field: u8, place: impl Fn() -> String) -> Result<TypeId, String> {
        let Some(TypeDef::Record(record)) = self.def(ty) else {
            return Err(format!(
                "reads a field of {}, which holds `{}`, not a record",
                place(),
                self.name(ty)
            ));
        };
        self.image
            .records
            .get(usize::from(record))
            .and_then(|record| record.fields.get(usize::from(field)))
            .map(|(_, ty)| *ty)
            .ok_or_else(|| {
                format!(
                    "reads field {field}, which `{}` does not have",
                    self.name(ty)
                )
            })
    }
}

fn check_tables(image: &Image) -> Result<HashMap<TypeDef, TypeId>, VerifyError> {
    if image.types.len() > usize::from(u16::MAX) {
        return Err(refuse("more types than a type id can name"));
    }
    let mut ids = HashMap::with_capacity(image.types.len());
    for (index, def) in image.types.iter().enumerate() {
        let earlier = |inner: TypeId| usize::from(inner) < index;
        let well_formed = match *def {
            TypeDef::List(inner) | TypeDef::Map(inner) | TypeDef::Option(inner) => earlier(inner),
            TypeDef::Record(record) => usize::from(record) < image.records.len(),
            _ => true,
        };
        if !well_formed {
            return Err(refuse(format!(
                "type {index} names a part that is not before it in the table, or no record"
            )));
        }
        let id = TypeId::try_from(index).unwrap_or(TypeId::MAX);
        if ids.insert(*def, id).is_some() {
            return Err(refuse(format!("type {index} is in the type table twice")));
        }
    }
    let valid = |ty: TypeId| usize::from(ty) < image.types.len();
    for record in &image.records {
        let mut names = HashSet::new();
        for (name, ty) in &record.fields {
            if !valid(*ty) {
                return Err(refuse(format!(
                    "field `{name}` of record `{}` has no valid type",
                    record.name
                )));
            }
            if !names.insert(name.as_str()) {
                return Err(refuse(format!(
                    "record `{}` has two fields `{name}`",
                    record.name
                )));
            }
        }
        if record.fields.len() > usize::from(u8::MAX) {
            return Err(refuse(format!(
                "record `{}` has too many fields",
                record.name
            )));
        }
    }
    let signature_ok = |signature: &Signature| {
        valid(signature.ret) && signature.params.iter().all(|(_, ty)| valid(*ty))
    };
    let mut names = HashSet::new();
    for named in &image.named {
        if image.constants.get(named.constant as usize).is_none() {
            return Err(refuse(format!(
                "the constant `{}` names no constant of the pool",
                named.name
            )));
        }
        if !names.insert(named.name.as_str()) {
            return Err(refuse(format!("the name `{}` is used twice", named.name)));
        }
    }
    for function in &image.functions {
        let signature = &function.signature;
        if !signature_ok(signature) {
            return Err(refuse(format!(
                "the function `{}` has a parameter or result of no valid type",
                signature.name
            )));
        }
        if !names.insert(signature.name.as_str()) {
            return Err(refuse(format!(
                "the name `{}` is used twice",
                signature.name
            )));
        }
    }
    let mut host_names = HashSet::new();
    for signature in &image.host {
        if !signature_ok(signature) {
            return Err(refuse(format!(
                "the host function `{}` has a parameter or result of no valid type",
                signature.name
            )));
        }
        if !host_names.insert(signature.name.as_str()) {
            return Err(refuse(format!(
                "the host function `{}` is declared twice",
                signature.name
            )));
        }
    }
    Ok(ids)
}

/// "No usable value": never written on some path, or of two types on two paths.
const UNUSABLE: TypeId = TypeId::MAX;

/// A register → type map at one point of a function.
type State = Vec<TypeId>;

/// Checks a function; whether its registers ever hold a shared value.
fn check_function(tables: &Tables<'_>, function: &Function) -> Result<bool, VerifyError> {
    let registers = usize::from(function.registers);
    let params = &function.signature.params;
    if registers > MAX_REGISTERS || params.len() > registers {
        return Err(refuse(format!(
            "{registers} registers for {} parameters (at most {MAX_REGISTERS})",
            params.len()
        )));
    }
    let code = &function.code;
    if code.is_empty() {
        return Err(refuse("a function with no code"));
    }
    if code.len() > u32::MAX as usize {
        return Err(refuse("more instructions than a jump can name"));
    }
    let mut last = None;
    for position in &function.lines {
        if position.pc as usize >= code.len() || last.is_some_and(|pc| pc >= position.pc) {
            return Err(refuse(
                "the line table is not in order, or names an instruction past the end",
            ));
        }
        last = Some(position.pc);
    }

    // Basic blocks: a block starts at 0, at every jump target and after every branch.
    let mut starts = vec![false; code.len()];
    starts[0] = true;
    for (pc, op) in code.iter().enumerate() {
        let mut op = *op;
        if let Some(target) = op.target_mut() {
            let target = *target as usize;
            if target >= code.len() {
                return Err(VerifyError {
                    pc: Some(pc),
                    ..refuse("a jump past the function's last instruction")
                });
            }
            starts[target] = true;
            if let Some(next) = starts.get_mut(pc + 1) {
                *next = true;
            }
        } else if op.ends_block()
            && let Some(next) = starts.get_mut(pc + 1)
        {
            *next = true;
        }
    }
    let block_starts: Vec<usize> = (0..code.len()).filter(|pc| starts[*pc]).collect();
    let mut block_of = vec![usize::MAX; code.len()];
    for (block, start) in block_starts.iter().enumerate() {
        block_of[*start] = block;
    }

    let scalar = |ty: &TypeId| {
        matches!(
            tables.def(*ty),
            Some(TypeDef::Int | TypeDef::Float | TypeDef::Bool | TypeDef::Unit)
        )
    };
    let holds_shared = std::cell::Cell::new(!params.iter().all(|(_, ty)| scalar(ty)));
    let mut entry: Vec<Option<State>> = vec![None; block_starts.len()];
    let mut initial = vec![UNUSABLE; registers];
    for (slot, (_, ty)) in initial.iter_mut().zip(params) {
        *slot = *ty;
    }
    entry[0] = Some(initial);
    let mut pending = vec![0usize];
    let mut queued = vec![false; block_starts.len()];
    queued[0] = true;

    let merge = |block: usize,
                 state: &State,
                 entry: &mut Vec<Option<State>>,
                 pending: &mut Vec<usize>,
                 queued: &mut Vec<bool>| {
        let changed = match &mut entry[block] {
            slot @ None => {
                *slot = Some(state.clone());
                true
            }
            Some(existing) => {
                let mut changed = false;
                for (have, new) in existing.iter_mut().zip(state) {
                    if *have != *new && *have != UNUSABLE {
                        *have = UNUSABLE;
                        changed = true;
                    }
                }
                changed
            }
        };
        if changed && !queued[block] {
            queued[block] = true;
            pending.push(block);
        }
    };

    while let Some(block) = pending.pop() {
        queued[block] = false;
        let Some(mut state) = entry[block].clone() else {
            continue;
        };
        let end = block_starts.get(block + 1).copied().unwrap_or(code.len());
        let mut pc = block_starts[block];
        loop {
            let op = code[pc];
            let at = |reason: String| VerifyError {
                function: None,
                pc: Some(pc),
                reason: format!("{} {reason}", op.mnemonic()),
            };
            let branch = step(tables, function, &op, &mut state, &holds_shared).map_err(at)?;
            if let Some((target, taken)) = branch {
                let block = block_of[target as usize];
                merge(block, &taken, &mut entry, &mut pending, &mut queued);
            }
            if op.ends_block() {
                break;
            }
            pc += 1;
            if pc == end {
                if pc == code.len() {
                    return Err(VerifyError {
                        pc: Some(pc - 1),
                        ..refuse(
                            "the last instruction is not a return or a jump: code runs past the end",
                        )
                    });
                }
                merge(block_of[pc], &state, &mut entry, &mut pending, &mut queued);
                break;
            }
        }
    }
    Ok(holds_shared.get())
}

/// Checks one instruction against the state and applies it. A branch returns its target
/// with the state it has there (`MatchSome` jumps before writing its register).
fn step(
    tables: &Tables<'_>,
    function: &Function,
    op: &Op,
    state: &mut State,
    holds_shared: &std::cell::Cell<bool>,
) -> Result<Option<(u32, State)>, String> {
    let t = tables;
    let int = || t.id(TypeDef::Int);
    let float = || t.id(TypeDef::Float);
    let boolean = || t.id(TypeDef::Bool);
    let text = || t.id(TypeDef::Str);
    let read = |state: &State, reg: Reg| -> Result<TypeId, String> {
        match state.get(usize::from(reg)) {
            None => Err(format!(
                "reads register {reg}, past the function's registers"
            )),
            Some(&UNUSABLE) => Err(format!(
                "reads register {reg}, which is not written, or not of one type, on every path here"
            )),
            Some(ty) => Ok(*ty),
        }
    };
    let expect = |state: &State, reg: Reg, wanted: TypeId| -> Result<(), String> {
        let found = read(state, reg)?;
        if found == wanted {
            Ok(())
        } else {
            Err(format!(
                "reads register {reg} as `{}`, but it holds `{}`",
                t.name(wanted),
                t.name(found)
            ))
        }
    };
    let write = |state: &mut State, reg: Reg, ty: TypeId| -> Result<(), String> {
        if !matches!(
            t.def(ty),
            Some(TypeDef::Int | TypeDef::Float | TypeDef::Bool | TypeDef::Unit)
        ) {
            holds_shared.set(true);
        }
        match state.get_mut(usize::from(reg)) {
            Some(slot) => {
                *slot = ty;
                Ok(())
            }
            None => Err(format!(
                "writes register {reg}, past the function's registers"
            )),
        }
    };
    let unary = |state: &mut State, dst: Reg, src: Reg, ty: TypeId| {
        expect(state, src, ty)?;
        write(state, dst, ty)
    };
    let binary = |state: &mut State, dst: Reg, a: Reg, b: Reg, ty: TypeId, out: TypeId| {
        expect(state, a, ty)?;
        expect(state, b, ty)?;
        write(state, dst, out)
    };
    let part = |state: &State, reg: Reg, shape: fn(TypeDef) -> Option<TypeId>, what: &str| {
        let ty = read(state, reg)?;
        t.def(ty).and_then(shape).ok_or_else(|| {
            format!(
                "reads register {reg} as {what}, but it holds `{}`",
                t.name(ty)
            )
        })
    };
    let list_of = |def: TypeDef| match def {
        TypeDef::List(inner) => Some(inner),
        _ => None,
    };
    let map_of = |def: TypeDef| match def {
        TypeDef::Map(inner) => Some(inner),
        _ => None,
    };
    let option_of = |def: TypeDef| match def {
        TypeDef::Option(inner) => Some(inner),
        _ => None,
    };
    // A window of registers (arguments, elements, fields) lies inside the function's
    // registers, even an empty one: the VM takes it as one slice.
    let window = |state: &State, base: Reg, count: usize| {
        if usize::from(base) + count <= state.len() {
            Ok(())
        } else {
            Err(format!(
                "names registers {base}..{} past the function's {}",
                usize::from(base) + count,
                state.len()
            ))
        }
    };
    let args = |state: &State, base: Reg, types: &mut dyn ExactSizeIterator<Item = TypeId>| {
        window(state, base, types.len())?;
        for (offset, ty) in types.enumerate() {
            let reg = usize::from(base) + offset;
            let reg = Reg::try_from(reg).map_err(|_| "passes arguments past register 255")?;
            expect(state, reg, ty)?;
        }
        Ok::<(), String>(())
    };

    match *op {
        Op::Move { dst, src } => {
            let ty = read(state, src)?;
            write(state, dst, ty)?;
        }
        Op::Const { dst, index } => {
            let constant =
                t.image.constants.get(index as usize).ok_or_else(|| {
                    format!("loads constant {index}, which the pool does not have")
                })?;
            let ty = match constant {
                Constant::Int(_) => int()?,
                Constant::Float(_) => float()?,
                Constant::Bool(_) => boolean()?,
                Constant::Str(_) => text()?,
            };
            write(state, dst, ty)?;
        }
        Op::Int { dst, .. } => write(state, dst, int()?)?,
        Op::Bool { dst, .. } => write(state, dst, boolean()?)?,
        Op::Unit { dst } => write(state, dst, t.id(TypeDef::Unit)?)?,
        Op::None { dst, ty } => {
            t.def(ty)
                .and_then(option_of)
                .ok_or("makes a `none` of a type that is not an option")?;
            write(state, dst, ty)?;
        }
        Op::EmptyMap { dst, ty } => {
            t.def(ty)
                .and_then(map_of)
                .ok_or("makes an empty map of a type that is not a map")?;
            write(state, dst, ty)?;
        }
        Op::NegInt { dst, src } => unary(state, dst, src, int()?)?,
        Op::NegFloat { dst, src } => unary(state, dst, src, float()?)?,
        Op::Not { dst, src } => unary(state, dst, src, boolean()?)?,
        Op::AddIntImm { dst, src, .. } => unary(state, dst, src, int()?)?,
        Op::AddInt { dst, a, b }
        | Op::SubInt { dst, a, b }
        | Op::MulInt { dst, a, b }
        | Op::DivInt { dst, a, b }
        | Op::RemInt { dst, a, b } => binary(state, dst, a, b, int()?, int()?)?,
        Op::AddFloat { dst, a, b }
        | Op::SubFloat { dst, a, b }
        | Op::MulFloat { dst, a, b }
        | Op::DivFloat { dst, a, b }
        | Op::RemFloat { dst, a, b } => binary(state, dst, a, b, float()?, float()?)?,
        Op::LtInt { dst, a, b } | Op::LeInt { dst, a, b } => {
            binary(state, dst, a, b, int()?, boolean()?)?;
        }
        Op::LtFloat { dst, a, b } | Op::LeFloat { dst, a, b } => {
            binary(state, dst, a, b, float()?, boolean()?)?;
        }
        Op::LtStr { dst, a, b } | Op::LeStr { dst, a, b } => {
            binary(state, dst, a, b, text()?, boolean()?)?;
        }
        Op::Concat { dst, a, b } => binary(state, dst, a, b, text()?, text()?)?,
        Op::Eq { dst, a, b } | Op::Ne { dst, a, b } => {
            let ty = read(state, a)?;
            expect(state, b, ty)?;
            write(state, dst, boolean()?)?;
        }
        Op::Append { dst, src } => {
            expect(state, dst, text()?)?;
            expect(state, src, text()?)?;
        }
        Op::PushInPlace { dst, src } => {
            let element = part(state, dst, list_of, "a list")?;
            expect(state, src, element)?;
        }
        Op::Jump { target } => return Ok(Some((target.0, state.clone()))),
        Op::JumpIf { condition, target } | Op::JumpIfNot { condition, target } => {
            expect(state, condition, boolean()?)?;
            return Ok(Some((target.0, state.clone())));
        }
        Op::AppendConst { dst, index } => {
            expect(state, dst, text()?)?;
            match t.image.constants.get(index as usize) {
                Some(Constant::Str(_)) => {}
                _ => return Err(format!("appends constant {index}, which is not a `str`")),
            }
        }
        Op::ForLoop {
            counter,
            limit,
            target,
        } => {
            expect(state, counter, int()?)?;
            expect(state, limit, int()?)?;
            return Ok(Some((target.0, state.clone())));
        }
        Op::JumpIfNotLtIntImm { a, target, .. } | Op::JumpIfNotLeIntImm { a, target, .. } => {
            expect(state, a, int()?)?;
            return Ok(Some((target.0, state.clone())));
        }
        Op::JumpIfNotLtInt { a, b, target }
        | Op::JumpIfNotLeInt { a, b, target }
        | Op::JumpIfLtInt { a, b, target }
        | Op::JumpIfLeInt { a, b, target } => {
            expect(state, a, int()?)?;
            expect(state, b, int()?)?;
            return Ok(Some((target.0, state.clone())));
        }
        Op::Call {
            dst,
            function: callee,
            base,
        } => {
            let callee = t.image.functions.get(usize::from(callee)).ok_or_else(|| {
                format!("calls function {callee}, which the module does not have")
            })?;
            let signature = &callee.signature;
            args(state, base, &mut signature.params.iter().map(|(_, ty)| *ty))?;
            // The VM moves the arguments into the callee: their registers hold nothing
            // usable after the call (the compiler's are temporaries, never read again).
            for offset in 0..signature.params.len() {
                if let Some(slot) = state.get_mut(usize::from(base) + offset) {
                    *slot = UNUSABLE;
                }
            }
            write(state, dst, signature.ret)?;
        }
        Op::Host {
            dst,
            function: callee,
            base,
        } => {
            let signature = t.image.host.get(usize::from(callee)).ok_or_else(|| {
                format!("calls host function {callee}, which the module does not declare")
            })?;
            args(state, base, &mut signature.params.iter().map(|(_, ty)| *ty))?;
            write(state, dst, signature.ret)?;
        }
        Op::Builtin {
            dst,
            builtin,
            base,
            count,
        } => {
            let builtin = *Builtin::ALL
                .get(usize::from(builtin))
                .ok_or_else(|| format!("calls builtin {builtin}, which does not exist"))?;
            window(state, base, usize::from(count))?;
            let mut types = Vec::with_capacity(usize::from(count));
            for offset in 0..count {
                let reg = Reg::try_from(usize::from(base) + usize::from(offset))
                    .map_err(|_| "passes arguments past register 255")?;
                types.push(read(state, reg)?);
            }
            let ty = builtin_result(t, builtin, &types).ok_or_else(|| {
                let given: Vec<String> = types.iter().map(|ty| t.name(*ty)).collect();
                format!(
                    "calls `{}` with ({}), which it does not take",
                    builtin.name(),
                    given.join(", ")
                )
            })??;
            write(state, dst, ty)?;
        }
        Op::List {
            dst,
            base,
            count,
            ty,
        } => {
            let element = t
                .def(ty)
                .and_then(list_of)
                .ok_or("makes a list of a type that is not a list")?;
            args(
                state,
                base,
                &mut std::iter::repeat_n(element, usize::from(count)),
            )?;
            write(state, dst, ty)?;
        }
        Op::Record { dst, record, base } => {
            let definition =
                t.image.records.get(usize::from(record)).ok_or_else(|| {
                    format!("makes record {record}, which the module does not have")
                })?;
            args(
                state,
                base,
                &mut definition.fields.iter().map(|(_, ty)| *ty),
            )?;
            write(state, dst, t.id(TypeDef::Record(record))?)?;
        }
        Op::Field { dst, src, field } => {
            let ty = read(state, src)?;
            let field_ty = t.field(ty, field, || format!("register {src}"))?;
            write(state, dst, field_ty)?;
        }
        Op::FieldOfIndex {
            dst,
            list,
            index,
            field,
        } => {
            let element = part(state, list, list_of, "a list")?;
            expect(state, index, int()?)?;
            let field_ty = t.field(element, field, || format!("an element of register {list}"))?;
            write(state, dst, field_ty)?;
        }
        Op::Index { dst, list, index } => {
            let element = part(state, list, list_of, "a list")?;
            expect(state, index, int()?)?;
            write(state, dst, element)?;
        }
        Op::Key { dst, map, key } => {
            let value = part(state, map, map_of, "a map")?;
            expect(state, key, text()?)?;
            write(state, dst, value)?;
        }
        Op::ListLen { dst, list } => {
            part(state, list, list_of, "a list")?;
            write(state, dst, int()?)?;
        }
        Op::Some { dst, src } => {
            let ty = read(state, src)?;
            write(state, dst, t.id(TypeDef::Option(ty))?)?;
        }
        Op::MatchSome { dst, src, target } => {
            let inner = part(state, src, option_of, "an option")?;
            let before = state.clone();
            write(state, dst, inner)?;
            return Ok(Some((target.0, before)));
        }
        Op::Return { src } => expect(state, src, function.signature.ret)?,
    }
    Ok(None)
}

/// What a builtin gives for arguments of these types, or `None` when it does not take
/// them (the inner `Err` when the type table lacks the result's type).
fn builtin_result(
    t: &Tables<'_>,
    builtin: Builtin,
    args: &[TypeId],
) -> Option<Result<TypeId, String>> {
    let def = |index: usize| args.get(index).and_then(|ty| t.def(*ty));
    let same = |a: usize, b: usize| args.get(a).is_some_and(|ty| Some(ty) == args.get(b));
    let arity = |n: usize| args.len() == n;
    let number = |d: Option<TypeDef>| matches!(d, Some(TypeDef::Int | TypeDef::Float));
    let of = |def: TypeDef| Some(t.id(def));
    match builtin {
        Builtin::Len if arity(1) => match def(0)? {
            TypeDef::List(_) | TypeDef::Str | TypeDef::Map(_) => of(TypeDef::Int),
            _ => None,
        },
        Builtin::Min | Builtin::Max if arity(2) && same(0, 1) && number(def(0)) => {
            Some(Ok(args[0]))
        }
        Builtin::Abs if arity(1) && number(def(0)) => Some(Ok(args[0])),
        Builtin::Round if arity(1) && def(0)? == TypeDef::Float => Some(Ok(args[0])),
        Builtin::ToInt if arity(1) && def(0)? == TypeDef::Float => of(TypeDef::Int),
        Builtin::ToFloat if arity(1) && def(0)? == TypeDef::Int => of(TypeDef::Float),
        Builtin::ToStr if arity(1) => match def(0)? {
            TypeDef::Int | TypeDef::Float | TypeDef::Bool | TypeDef::Str => of(TypeDef::Str),
            _ => None,
        },
        Builtin::Contains if arity(2) => match (def(0)?, def(1)?) {
            (TypeDef::List(element), _) if args[1] == element => of(TypeDef::Bool),
            (TypeDef::Str | TypeDef::Map(_), TypeDef::Str) => of(TypeDef::Bool),
            _ => None,
        },
        Builtin::Push if arity(2) => match def(0)? {
            TypeDef::List(element) if args[1] == element => Some(Ok(args[0])),
            _ => None,
        },
        Builtin::Keys if arity(1) => match def(0)? {
            TypeDef::Map(_) => match t.id(TypeDef::Str) {
                Ok(text) => of(TypeDef::List(text)),
                Err(error) => Some(Err(error)),
            },
            _ => None,
        },
        Builtin::Get if arity(2) => match (def(0)?, def(1)?) {
            (TypeDef::Map(value), TypeDef::Str) | (TypeDef::List(value), TypeDef::Int) => {
                of(TypeDef::Option(value))
            }
            _ => None,
        },
        Builtin::Insert if arity(3) => match (def(0)?, def(1)?) {
            (TypeDef::Map(value), TypeDef::Str) if args[2] == value => Some(Ok(args[0])),
            _ => None,
        },
        Builtin::Some if arity(1) => of(TypeDef::Option(args[0])),
        // `map()` has its own instruction, which names its type.
        _ => None,
    }
}
