//! The reference interpreter: runs the typed IR directly, as plainly as possible, to be
//! obviously right. The tests check the generated Rust against it on a corpus of programs,
//! and the VM against it on random programs. It is not meant to be fast.
//!
//! Values are copied wherever a program reads them (lists, maps and records are values: no
//! aliasing is visible). The arithmetic and the standard library are [`crate::rt`]'s, as in
//! every back end. Calls nest at most [`MAX_CALL_DEPTH`] deep; each run has a thread of its
//! own with a stack large enough for that ([`STACK_SIZE`]), since a tree-walking interpreter
//! spends several Rust frames per script call.

use std::collections::BTreeMap;

use crate::ast::{AssignOp, BinaryOp, UnaryOp};
use crate::diagnostic::{Diagnostic, line_column};
use crate::error::{ErrorKind, ScriptError};
use crate::ir::{Block, Builtin, Expr, ExprKind, Pattern, Program, Stmt};
use crate::rt;
use crate::span::Span;
pub use crate::value::Value;

/// How deeply script functions may call each other in the interpreter.
pub const MAX_CALL_DEPTH: usize = 1000;

/// The stack of the thread a run has (reserved address space; only what is used is
/// touched).
pub const STACK_SIZE: usize = 512 << 20;

/// Why a call did not give a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// A run-time error of the script.
    Script(ScriptError),
    /// No function of that name is `pub` in the program.
    NoSuchFunction(String),
    /// The arguments do not fit the function's parameters.
    BadArguments(String),
    /// Calls nested deeper than [`MAX_CALL_DEPTH`].
    TooDeep,
    /// The run's thread could not be started.
    Thread(String),
}

/// The host functions a program declares, as one callback: the function's name and its
/// arguments.
pub type Host<'h> = &'h mut (dyn FnMut(&str, &[Value]) -> Value + Send);

/// Runs the `pub` function `name` of `program` with `args`. `source`, when given, is the
/// program's text, for the lines and columns of errors.
///
/// # Errors
///
/// A [`RunError`]: a run-time error of the script with its place, or a call that does not fit.
pub fn run(
    program: &Program,
    source: Option<&str>,
    host: Host<'_>,
    name: &str,
    args: Vec<Value>,
) -> Result<Value, RunError> {
    let index = program
        .functions
        .iter()
        .position(|function| function.public && function.signature.name == name)
        .ok_or_else(|| RunError::NoSuchFunction(name.to_owned()))?;
    let params = program.functions[index].signature.params.len();
    if args.len() != params {
        return Err(RunError::BadArguments(format!(
            "`{name}` takes {params} argument(s), {} given",
            args.len()
        )));
    }
    std::thread::scope(|scope| {
        let run = std::thread::Builder::new()
            .name("modsmith-script interpreter".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || {
                let mut interpreter = Interpreter {
                    program,
                    source,
                    host,
                    depth: 0,
                };
                interpreter.call(index, args)
            })
            .map_err(|error| RunError::Thread(error.to_string()))?;
        run.join()
            .unwrap_or_else(|_| Err(RunError::Thread("the interpreter panicked".to_owned())))
    })
}

/// The value of the constant `index` of `program` (constants read only literals and the
/// constants before them, so this needs no host).
///
/// # Errors
///
/// A run-time error of its expression (an overflow, say), with no function named.
pub fn constant(program: &Program, index: usize) -> Result<Value, RunError> {
    let mut no_host = |_: &str, _: &[Value]| Value::Unit;
    let mut interpreter = Interpreter {
        program,
        source: None,
        host: &mut no_host,
        depth: 0,
    };
    let mut frame = Frame {
        function: usize::MAX,
        locals: Vec::new(),
    };
    let Some(definition) = program.consts.get(index) else {
        return Ok(Value::Unit);
    };
    match interpreter.expr(&mut frame, &definition.value)? {
        Ok(value) => Ok(value),
        Err(_) => Ok(Value::Unit),
    }
}

/// Every constant of `program`, in order, or an error per constant that cannot be computed
/// (an overflow, say): what a back end that computes constants ahead of time reports.
///
/// # Errors
///
/// One diagnostic per constant that failed, at its definition.
pub fn constants(program: &Program) -> Result<Vec<Value>, Vec<Diagnostic>> {
    let mut values = Vec::with_capacity(program.consts.len());
    let mut failures = Vec::new();
    for (index, definition) in program.consts.iter().enumerate() {
        match constant(program, index) {
            Ok(value) => values.push(value),
            Err(error) => {
                let why = match error {
                    RunError::Script(error) => error.kind.to_string(),
                    other => format!("{other:?}"),
                };
                failures.push(Diagnostic::error(
                    definition.span,
                    format!(
                        "the constant `{}` cannot be computed: {why}",
                        definition.name
                    ),
                ));
            }
        }
    }
    if failures.is_empty() {
        Ok(values)
    } else {
        Err(failures)
    }
}

struct Interpreter<'p, 'h> {
    program: &'p Program,
    source: Option<&'p str>,
    host: Host<'h>,
    depth: usize,
}

/// How a statement ended.
enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

struct Frame {
    function: usize,
    locals: Vec<Value>,
}

type Eval<T> = Result<T, RunError>;

impl Interpreter<'_, '_> {
    fn call(&mut self, function: usize, args: Vec<Value>) -> Eval<Value> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(RunError::TooDeep);
        }
        self.depth += 1;
        let definition = &self.program.functions[function];
        let mut locals = vec![Value::Unit; definition.locals.len()];
        for (slot, arg) in locals.iter_mut().zip(args) {
            *slot = arg;
        }
        let mut frame = Frame { function, locals };
        let result = match self.block(&mut frame, &definition.body)? {
            Ok(value) => value,
            Err(Flow::Return(value)) => value,
            Err(_) => Value::Unit,
        };
        self.depth -= 1;
        Ok(result)
    }

    fn fail(&self, frame: Option<&Frame>, kind: ErrorKind, span: Span) -> RunError {
        let (line, column) = self.source.map_or((0, 0), |source| {
            let (line, column) = line_column(source, span.start);
            (
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        });
        // A constant's frame names no function.
        let function = frame
            .and_then(|frame| self.program.functions.get(frame.function))
            .map_or_else(String::new, |function| function.signature.name.clone());
        RunError::Script(ScriptError {
            kind,
            function,
            line,
            column,
        })
    }

    /// A block's value, or how it was left (`Err(flow)`).
    fn block(&mut self, frame: &mut Frame, block: &Block) -> Eval<Result<Value, Flow>> {
        for stmt in &block.stmts {
            match self.stmt(frame, stmt)? {
                Flow::Normal => {}
                other => return Ok(Err(other)),
            }
        }
        match &block.tail {
            Some(tail) => self.expr(frame, tail),
            None => Ok(Ok(Value::Unit)),
        }
    }

    fn stmt(&mut self, frame: &mut Frame, stmt: &Stmt) -> Eval<Flow> {
        Ok(match stmt {
            Stmt::Let { local, value } => match self.expr(frame, value)? {
                Ok(value) => {
                    frame.locals[*local] = value;
                    Flow::Normal
                }
                Err(flow) => flow,
            },
            Stmt::Assign {
                local,
                op,
                value,
                span,
            } => {
                let value = match self.expr(frame, value)? {
                    Ok(value) => value,
                    Err(flow) => return Ok(flow),
                };
                let current = std::mem::replace(&mut frame.locals[*local], Value::Unit);
                let updated = match op {
                    AssignOp::Set => Ok(value),
                    AssignOp::Add => self.arithmetic(BinaryOp::Add, current, value),
                    AssignOp::Sub => self.arithmetic(BinaryOp::Sub, current, value),
                };
                frame.locals[*local] =
                    updated.map_err(|kind| self.fail(Some(frame), kind, *span))?;
                Flow::Normal
            }
            Stmt::While { condition, body } => loop {
                match self.expr(frame, condition)? {
                    Ok(Value::Bool(true)) => {}
                    Ok(_) => break Flow::Normal,
                    Err(flow) => break flow,
                }
                match self.block(frame, body)? {
                    Ok(_) | Err(Flow::Continue | Flow::Normal) => {}
                    Err(Flow::Break) => break Flow::Normal,
                    Err(flow @ Flow::Return(_)) => break flow,
                }
            },
            Stmt::ForList { local, list, body } => {
                let elements = match self.expr(frame, list)? {
                    Ok(Value::List(elements)) => elements,
                    Ok(_) => Vec::new(),
                    Err(flow) => return Ok(flow),
                };
                for element in elements {
                    frame.locals[*local] = element;
                    match self.block(frame, body)? {
                        Ok(_) | Err(Flow::Continue | Flow::Normal) => {}
                        Err(Flow::Break) => break,
                        Err(flow @ Flow::Return(_)) => return Ok(flow),
                    }
                }
                Flow::Normal
            }
            Stmt::ForRange {
                local,
                start,
                end,
                body,
            } => {
                // The start first: a `return` (or `break`) in it leaves before the end is
                // evaluated, as everywhere else.
                let start = match self.expr(frame, start)? {
                    Ok(Value::Int(start)) => start,
                    Ok(_) => 0,
                    Err(flow) => return Ok(flow),
                };
                let end = match self.expr(frame, end)? {
                    Ok(Value::Int(end)) => end,
                    Ok(_) => 0,
                    Err(flow) => return Ok(flow),
                };
                for i in start..end {
                    frame.locals[*local] = Value::Int(i);
                    match self.block(frame, body)? {
                        Ok(_) | Err(Flow::Continue | Flow::Normal) => {}
                        Err(Flow::Break) => break,
                        Err(flow @ Flow::Return(_)) => return Ok(flow),
                    }
                }
                Flow::Normal
            }
            Stmt::Return(value) => match value {
                Some(value) => match self.expr(frame, value)? {
                    Ok(value) => Flow::Return(value),
                    Err(flow) => flow,
                },
                None => Flow::Return(Value::Unit),
            },
            Stmt::Break => Flow::Break,
            Stmt::Continue => Flow::Continue,
            Stmt::Expr(expr) => match self.expr(frame, expr)? {
                Ok(_) => Flow::Normal,
                Err(flow) => flow,
            },
        })
    }

    /// Evaluates the expressions in order; the first that leaves (a `return` in a block)
    /// stops the rest.
    fn all(&mut self, frame: &mut Frame, exprs: &[Expr]) -> Eval<Result<Vec<Value>, Flow>> {
        let mut values = Vec::with_capacity(exprs.len());
        for expr in exprs {
            match self.expr(frame, expr)? {
                Ok(value) => values.push(value),
                Err(flow) => return Ok(Err(flow)),
            }
        }
        Ok(Ok(values))
    }

    fn expr(&mut self, frame: &mut Frame, expr: &Expr) -> Eval<Result<Value, Flow>> {
        macro_rules! value {
            ($e:expr) => {
                match self.expr(frame, $e)? {
                    Ok(value) => value,
                    Err(flow) => return Ok(Err(flow)),
                }
            };
        }
        let span = expr.span;
        let value = match &expr.kind {
            ExprKind::Int(n) => Value::Int(*n),
            ExprKind::Float(x) => Value::Float(*x),
            ExprKind::Str(text) => Value::Str(text.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::Option(None),
            ExprKind::Local(local) => frame.locals[*local].clone(),
            ExprKind::Const(index) => {
                // Evaluated where it is read (a constant reads only literals and the
                // constants before it); its errors are reported in the reading function.
                let program = self.program;
                let mut constant = Frame {
                    function: frame.function,
                    locals: Vec::new(),
                };
                match self.expr(&mut constant, &program.consts[*index].value)? {
                    Ok(value) => value,
                    Err(flow) => return Ok(Err(flow)),
                }
            }
            ExprKind::Unary(op, operand) => {
                let operand = value!(operand);
                match (op, operand) {
                    (UnaryOp::Neg, Value::Int(n)) => {
                        Value::Int(rt::neg(n).map_err(|kind| self.fail(Some(frame), kind, span))?)
                    }
                    (UnaryOp::Neg, Value::Float(x)) => Value::Float(-x),
                    (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
                    (_, other) => other,
                }
            }
            ExprKind::Binary(BinaryOp::And, left, right) => match value!(left) {
                Value::Bool(false) => Value::Bool(false),
                _ => value!(right),
            },
            ExprKind::Binary(BinaryOp::Or, left, right) => match value!(left) {
                Value::Bool(true) => Value::Bool(true),
                _ => value!(right),
            },
            ExprKind::Binary(op, left, right) => {
                let (left, right) = (value!(left), value!(right));
                self.binary(*op, left, right)
                    .map_err(|kind| self.fail(Some(frame), kind, span))?
            }
            ExprKind::Call(function, args) => {
                let args = match self.all(frame, args)? {
                    Ok(args) => args,
                    Err(flow) => return Ok(Err(flow)),
                };
                self.call(*function, args)?
            }
            ExprKind::Host(index, args) => {
                let args = match self.all(frame, args)? {
                    Ok(args) => args,
                    Err(flow) => return Ok(Err(flow)),
                };
                let name = &self.program.host[*index].name;
                (self.host)(name, &args)
            }
            ExprKind::Builtin(builtin, args) => {
                let args = match self.all(frame, args)? {
                    Ok(args) => args,
                    Err(flow) => return Ok(Err(flow)),
                };
                builtin_call(*builtin, args).map_err(|kind| self.fail(Some(frame), kind, span))?
            }
            ExprKind::Field(value, at) => match value!(value) {
                Value::Record(mut fields) if *at < fields.len() => fields.swap_remove(*at),
                _ => Value::Unit,
            },
            ExprKind::Index(value, index) => {
                let (value, index) = (value!(value), value!(index));
                match (value, index) {
                    (Value::List(elements), Value::Int(i)) => rt::index(&elements, i)
                        .cloned()
                        .map_err(|kind| self.fail(Some(frame), kind, span))?,
                    (Value::Map(entries), Value::Str(key)) => rt::key(&entries, &key)
                        .cloned()
                        .map_err(|kind| self.fail(Some(frame), kind, span))?,
                    _ => Value::Unit,
                }
            }
            ExprKind::List(elements) => match self.all(frame, elements)? {
                Ok(values) => Value::List(values),
                Err(flow) => return Ok(Err(flow)),
            },
            ExprKind::Record(_, fields) => match self.all(frame, fields)? {
                Ok(values) => Value::Record(values),
                Err(flow) => return Ok(Err(flow)),
            },
            ExprKind::If(condition, then, otherwise) => match value!(condition) {
                Value::Bool(true) => return self.block(frame, then),
                _ => match otherwise {
                    Some(otherwise) => return self.expr(frame, otherwise),
                    None => Value::Unit,
                },
            },
            ExprKind::Match(value, arms) => {
                let value = value!(value);
                for (pattern, arm) in arms {
                    let matched = match (pattern, &value) {
                        (Pattern::Wildcard, _) => true,
                        (Pattern::Int(n), Value::Int(v)) => n == v,
                        (Pattern::Str(s), Value::Str(v)) => s == v,
                        (Pattern::Bool(b), Value::Bool(v)) => b == v,
                        (Pattern::None, Value::Option(None)) => true,
                        (Pattern::Some(local), Value::Option(Some(inner))) => {
                            frame.locals[*local] = (**inner).clone();
                            true
                        }
                        _ => false,
                    };
                    if matched {
                        return self.expr(frame, arm);
                    }
                }
                Value::Unit
            }
            ExprKind::Block(block) => return self.block(frame, block),
            ExprKind::Error => Value::Unit,
        };
        Ok(Ok(value))
    }

    fn binary(&self, op: BinaryOp, left: Value, right: Value) -> Result<Value, ErrorKind> {
        use std::cmp::Ordering;
        let ordering = match (&left, &right) {
            (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
            _ => None,
        };
        Ok(match op {
            BinaryOp::Eq => Value::Bool(left == right),
            BinaryOp::NotEq => Value::Bool(left != right),
            BinaryOp::Less => Value::Bool(ordering == Some(Ordering::Less)),
            BinaryOp::LessEq => {
                Value::Bool(matches!(ordering, Some(Ordering::Less | Ordering::Equal)))
            }
            BinaryOp::Greater => Value::Bool(ordering == Some(Ordering::Greater)),
            BinaryOp::GreaterEq => Value::Bool(matches!(
                ordering,
                Some(Ordering::Greater | Ordering::Equal)
            )),
            _ => return self.arithmetic(op, left, right),
        })
    }

    fn arithmetic(&self, op: BinaryOp, left: Value, right: Value) -> Result<Value, ErrorKind> {
        Ok(match (left, right) {
            (Value::Int(a), Value::Int(b)) => Value::Int(match op {
                BinaryOp::Add => rt::add(a, b)?,
                BinaryOp::Sub => rt::sub(a, b)?,
                BinaryOp::Mul => rt::mul(a, b)?,
                BinaryOp::Div => rt::div(a, b)?,
                _ => rt::rem(a, b)?,
            }),
            (Value::Float(a), Value::Float(b)) => Value::Float(match op {
                BinaryOp::Add => a + b,
                BinaryOp::Sub => a - b,
                BinaryOp::Mul => a * b,
                BinaryOp::Div => rt::div_float(a, b)?,
                _ => rt::rem_float(a, b)?,
            }),
            (Value::Str(mut a), Value::Str(b)) => {
                a.push_str(&b);
                Value::Str(a)
            }
            (left, _) => left,
        })
    }
}

fn builtin_call(builtin: Builtin, args: Vec<Value>) -> Result<Value, ErrorKind> {
    let mut args = args.into_iter();
    let (a, b, c) = (args.next(), args.next(), args.next());
    Ok(match (builtin, a, b, c) {
        (Builtin::Len, Some(Value::Str(text)), ..) => Value::Int(rt::len_str(&text)),
        (Builtin::Len, Some(Value::List(list)), ..) => Value::Int(rt::len(list.len())),
        (Builtin::Len, Some(Value::Map(map)), ..) => Value::Int(rt::len(map.len())),
        (Builtin::Min, Some(Value::Int(a)), Some(Value::Int(b)), _) => Value::Int(a.min(b)),
        (Builtin::Min, Some(Value::Float(a)), Some(Value::Float(b)), _) => Value::Float(a.min(b)),
        (Builtin::Max, Some(Value::Int(a)), Some(Value::Int(b)), _) => Value::Int(a.max(b)),
        (Builtin::Max, Some(Value::Float(a)), Some(Value::Float(b)), _) => Value::Float(a.max(b)),
        (Builtin::Abs, Some(Value::Int(a)), ..) => Value::Int(rt::abs(a)?),
        (Builtin::Abs, Some(Value::Float(a)), ..) => Value::Float(a.abs()),
        (Builtin::Round, Some(Value::Float(a)), ..) => Value::Float(rt::round(a)),
        (Builtin::ToInt, Some(Value::Float(a)), ..) => Value::Int(rt::to_int(a)?),
        (Builtin::ToFloat, Some(Value::Int(a)), ..) => Value::Float(rt::to_float(a)),
        (Builtin::ToStr, Some(value), ..) => Value::Str(match value {
            Value::Int(n) => n.to_string(),
            Value::Float(x) => rt::float_to_str(x),
            Value::Bool(b) => b.to_string(),
            Value::Str(text) => text,
            _ => String::new(),
        }),
        (Builtin::Contains, Some(Value::Str(text)), Some(Value::Str(part)), _) => {
            Value::Bool(rt::contains_str(&text, &part))
        }
        (Builtin::Contains, Some(Value::List(list)), Some(value), _) => {
            Value::Bool(rt::contains_list(&list, &value))
        }
        (Builtin::Contains, Some(Value::Map(map)), Some(Value::Str(key)), _) => {
            Value::Bool(rt::contains_key(&map, &key))
        }
        (Builtin::Push, Some(Value::List(list)), Some(value), _) => {
            Value::List(rt::push(&list, value))
        }
        (Builtin::Keys, Some(Value::Map(map)), ..) => {
            Value::List(rt::keys(&map).into_iter().map(Value::Str).collect())
        }
        (Builtin::Get, Some(Value::Map(map)), Some(Value::Str(key)), _) => {
            Value::Option(rt::get_map(&map, &key).map(Box::new))
        }
        (Builtin::Get, Some(Value::List(list)), Some(Value::Int(i)), _) => {
            Value::Option(rt::get_list(&list, i).map(Box::new))
        }
        (Builtin::Insert, Some(Value::Map(map)), Some(Value::Str(key)), Some(value)) => {
            Value::Map(rt::insert(&map, &key, value))
        }
        (Builtin::Some, Some(value), ..) => Value::Option(Some(Box::new(value))),
        (Builtin::EmptyMap, ..) => Value::Map(BTreeMap::new()),
        _ => Value::Unit,
    })
}
