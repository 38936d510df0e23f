//! The instruction set: a register machine. Registers are a function's locals and
//! temporaries (at most 256, as in Lua); each instruction names its registers, so a loop
//! like `sum = sum + i` is one instruction, not four pushes and pops. The choice was
//! measured (`benches/RESULTS.md`): a register VM ran `fib(27)` and a summing loop 1.5–3.8×
//! faster than a stack VM of the same build.
//!
//! In bytes an instruction is its opcode and its operands, little-endian; a jump's target is
//! the byte offset of an instruction in its function, which loading turns into an
//! instruction index (refusing an offset that is not an instruction's start). In memory an
//! instruction is an [`Op`], and a target is an instruction index.

/// A register of the current call.
pub type Reg = u8;

/// Where a jump goes: an instruction index in memory, a byte offset in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target(pub u32);

/// Reads operands from bytes.
pub(crate) struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl Reader<'_> {
    pub fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let end = self.at.checked_add(N)?;
        let bytes = self.bytes.get(self.at..end)?;
        self.at = end;
        bytes.try_into().ok()
    }
}

/// An operand's encoding.
trait Operand: Sized {
    fn write(&self, out: &mut Vec<u8>);
    fn read(reader: &mut Reader<'_>) -> Option<Self>;
    /// Jump targets are rewritten between indices and offsets; other operands are not.
    fn target(&mut self) -> Option<&mut u32> {
        None
    }
}

impl Operand for u8 {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.take::<1>().map(|[byte]| byte)
    }
}

impl Operand for u16 {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.take().map(u16::from_le_bytes)
    }
}

impl Operand for u32 {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.take().map(u32::from_le_bytes)
    }
}

impl Operand for i32 {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.take().map(i32::from_le_bytes)
    }
}

impl Operand for bool {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        match reader.take::<1>()? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
}

impl Operand for Target {
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
    }
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        u32::read(reader).map(Target)
    }
    fn target(&mut self) -> Option<&mut u32> {
        Some(&mut self.0)
    }
}

macro_rules! ops {
    ($( $(#[$doc:meta])* $name:ident = $code:literal { $($field:ident: $ty:ty),* $(,)? }, )+) => {
        /// An instruction.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $( $(#[$doc])* $name { $( #[allow(missing_docs)] $field: $ty, )* }, )+
        }

        impl Op {
            /// Its opcode.
            pub fn opcode(&self) -> u8 {
                match self {
                    $( Op::$name { .. } => $code, )+
                }
            }

            /// Its mnemonic, for messages.
            pub fn mnemonic(&self) -> &'static str {
                match self {
                    $( Op::$name { .. } => stringify!($name), )+
                }
            }

            /// Appends it in bytes (targets as they are: the caller maps them first).
            pub(crate) fn write(&self, out: &mut Vec<u8>) {
                match self {
                    $( Op::$name { $($field),* } => {
                        out.push($code);
                        $( Operand::write($field, out); )*
                    } )+
                }
            }

            /// Reads one from bytes (targets as they are written), or `None` for an
            /// unknown opcode or bytes that end inside it.
            pub(crate) fn read(reader: &mut Reader<'_>) -> Option<Op> {
                let [code] = reader.take::<1>()?;
                match code {
                    $( $code => Some(Op::$name { $( $field: <$ty as Operand>::read(reader)?, )* }), )+
                    _ => None,
                }
            }

            /// Its jump target, if it has one.
            pub fn target_mut(&mut self) -> Option<&mut u32> {
                match self {
                    $( Op::$name { $($field),* } => {
                        $( if let Some(target) = Operand::target($field) { return Some(target); } )*
                        None
                    } )+
                }
            }
        }
    };
}

ops! {
    /// `dst = src`.
    Move = 0 { dst: Reg, src: Reg },
    /// `dst = constants[index]`.
    Const = 1 { dst: Reg, index: u32 },
    /// `dst = value` (an `int` that fits 32 bits).
    Int = 2 { dst: Reg, value: i32 },
    /// `dst = value`.
    Bool = 3 { dst: Reg, value: bool },
    /// `dst = none`, of the option type `ty` (an index into the type table).
    None = 4 { dst: Reg, ty: u16 },
    /// `dst = nothing`.
    Unit = 5 { dst: Reg },
    /// `dst = -src` on `int`.
    NegInt = 6 { dst: Reg, src: Reg },
    /// `dst = -src` on `float`.
    NegFloat = 7 { dst: Reg, src: Reg },
    /// `dst = !src`.
    Not = 8 { dst: Reg, src: Reg },
    /// `dst = a + b` on `int`.
    AddInt = 9 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a - b` on `int`.
    SubInt = 10 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a * b` on `int`.
    MulInt = 11 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a / b` on `int`.
    DivInt = 12 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a % b` on `int`.
    RemInt = 13 { dst: Reg, a: Reg, b: Reg },
    /// `dst = src + value` on `int`: counters and `n - 1`.
    AddIntImm = 14 { dst: Reg, src: Reg, value: i32 },
    /// `dst = a + b` on `float`.
    AddFloat = 15 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a - b` on `float`.
    SubFloat = 16 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a * b` on `float`.
    MulFloat = 17 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a / b` on `float`.
    DivFloat = 18 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a % b` on `float`.
    RemFloat = 19 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a < b` on `int`.
    LtInt = 20 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a <= b` on `int`.
    LeInt = 21 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a < b` on `float`.
    LtFloat = 22 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a <= b` on `float`.
    LeFloat = 23 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a < b` on `str`.
    LtStr = 24 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a <= b` on `str`.
    LeStr = 25 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a == b`, of two values of one type.
    Eq = 26 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a != b`, of two values of one type.
    Ne = 27 { dst: Reg, a: Reg, b: Reg },
    /// `dst = a + b` on `str`.
    Concat = 28 { dst: Reg, a: Reg, b: Reg },
    /// `dst = dst + src` on `str`, in place when `dst` is its text's only owner.
    Append = 29 { dst: Reg, src: Reg },
    /// `dst = push(dst, src)`, in place when `dst` is its list's only owner.
    PushInPlace = 30 { dst: Reg, src: Reg },
    /// Goes to `target`.
    Jump = 31 { target: Target },
    /// Goes to `target` when `condition` is `true`.
    JumpIf = 32 { condition: Reg, target: Target },
    /// Goes to `target` when `condition` is `false`.
    JumpIfNot = 33 { condition: Reg, target: Target },
    /// Goes to `target` unless `a < b` on `int`: a loop's test in one instruction.
    JumpIfNotLtInt = 34 { a: Reg, b: Reg, target: Target },
    /// `dst = function(registers base..)`, as many as it has parameters.
    Call = 35 { dst: Reg, function: u16, base: Reg },
    /// `dst = host function(registers base..)`.
    Host = 36 { dst: Reg, function: u16, base: Reg },
    /// `dst = builtin(registers base..base + count)`, by index into `Builtin::ALL`.
    Builtin = 37 { dst: Reg, builtin: u8, base: Reg, count: u8 },
    /// `dst = [registers base..base + count]`, of the list type `ty`.
    List = 38 { dst: Reg, base: Reg, count: u8, ty: u16 },
    /// `dst = record { registers base.. }`, as many as it has fields.
    Record = 39 { dst: Reg, record: u16, base: Reg },
    /// `dst = src.field`.
    Field = 40 { dst: Reg, src: Reg, field: u8 },
    /// `dst = list[index]`.
    Index = 41 { dst: Reg, list: Reg, index: Reg },
    /// `dst = map[key]`.
    Key = 42 { dst: Reg, map: Reg, key: Reg },
    /// `dst = len(list)`, for loops.
    ListLen = 43 { dst: Reg, list: Reg },
    /// `dst = some(src)`.
    Some = 44 { dst: Reg, src: Reg },
    /// When `src` is `some(value)`, `dst = value`; otherwise goes to `target`.
    MatchSome = 45 { dst: Reg, src: Reg, target: Target },
    /// Returns `src`.
    Return = 46 { src: Reg },
    /// `dst = map()`, of the map type `ty`.
    EmptyMap = 47 { dst: Reg, ty: u16 },
    /// `dst = dst + constants[index]` on `str`, in place: `s += ","` without making the
    /// constant a string first.
    AppendConst = 48 { dst: Reg, index: u32 },
    /// Goes to `target` unless `a <= b` on `int`.
    JumpIfNotLeInt = 49 { a: Reg, b: Reg, target: Target },
    /// Goes to `target` unless `a < value` on `int`: `if n < 2`.
    JumpIfNotLtIntImm = 50 { a: Reg, value: i32, target: Target },
    /// Goes to `target` unless `a <= value` on `int`.
    JumpIfNotLeIntImm = 51 { a: Reg, value: i32, target: Target },
    /// `counter += 1`, then goes to `target` while `counter < limit` on `int`: the end of a
    /// counted loop's step.
    ForLoop = 52 { counter: Reg, limit: Reg, target: Target },
    /// Goes to `target` when `a < b` on `int`: a `while` loop's test at its bottom.
    JumpIfLtInt = 53 { a: Reg, b: Reg, target: Target },
    /// Goes to `target` when `a <= b` on `int`.
    JumpIfLeInt = 54 { a: Reg, b: Reg, target: Target },
    /// `dst = list[index].field`: a loop over records reads their fields where they are,
    /// rather than copying each record into a register first.
    FieldOfIndex = 55 { dst: Reg, list: Reg, index: Reg, field: u8 },
}

impl Op {
    /// Whether the next instruction never runs after this one: a function's code must end
    /// with one of these.
    pub fn ends_block(&self) -> bool {
        matches!(self, Op::Jump { .. } | Op::Return { .. })
    }
}
