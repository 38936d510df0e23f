//! The typed IR: a checked program, every name resolved to what it names and every
//! expression carrying its type. Both back ends and the reference interpreter read this,
//! never the syntax tree, so they cannot disagree about names or types. [`Visitor`] walks it.

use std::fmt;

use crate::ast::{AssignOp, BinaryOp, UnaryOp};
use crate::span::Span;

/// A type of the language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `int`: a 64-bit signed integer; overflow is an error, never a wrap.
    Int,
    /// `float`: a 64-bit float.
    Float,
    /// `bool`.
    Bool,
    /// `str`: UTF-8 text.
    Str,
    /// What a function without `->`, a loop or an `if` without `else` gives: nothing.
    Unit,
    /// `list[T]`.
    List(Box<Type>),
    /// `map[str, T]`: keys are strings, iterated in sorted order.
    Map(Box<Type>),
    /// `option[T]`: `some(value)` or `none`.
    Option(Box<Type>),
    /// A record of the program, by index into [`Program::records`].
    Record(usize, String),
    /// The type of an expression whose checking failed: agrees with every type, so that one
    /// mistake is reported once.
    Error,
}

impl Type {
    /// Whether the two agree, [`Type::Error`] agreeing with anything.
    pub fn agrees(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::List(a), Type::List(b))
            | (Type::Map(a), Type::Map(b))
            | (Type::Option(a), Type::Option(b)) => a.agrees(b),
            (Type::Record(a, _), Type::Record(b, _)) => a == b,
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int => f.write_str("int"),
            Type::Float => f.write_str("float"),
            Type::Bool => f.write_str("bool"),
            Type::Str => f.write_str("str"),
            Type::Unit => f.write_str("nothing"),
            Type::List(element) => write!(f, "list[{element}]"),
            Type::Map(value) => write!(f, "map[str, {value}]"),
            Type::Option(value) => write!(f, "option[{value}]"),
            Type::Record(_, name) => f.write_str(name),
            Type::Error => f.write_str("{unknown}"),
        }
    }
}

/// A checked module.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The module's name.
    pub name: String,
    /// Its doc comments.
    pub docs: Vec<String>,
    /// Its records, in order.
    pub records: Vec<RecordDef>,
    /// Its constants, in order.
    pub consts: Vec<ConstDef>,
    /// Its functions, in order.
    pub functions: Vec<FunctionDef>,
    /// The functions its `host { .. }` section declares.
    pub host: Vec<Signature>,
}

/// A record type.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordDef {
    /// Its name.
    pub name: String,
    /// Whether it is `pub`.
    pub public: bool,
    /// Its doc comments.
    pub docs: Vec<String>,
    /// Its fields, in order, with their types.
    pub fields: Vec<(String, Type)>,
    /// Where it is defined.
    pub span: Span,
}

/// A constant.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstDef {
    /// Its name.
    pub name: String,
    /// Whether it is `pub`.
    pub public: bool,
    /// Its doc comments.
    pub docs: Vec<String>,
    /// Its type.
    pub ty: Type,
    /// Its value: an expression over literals and earlier constants.
    pub value: Expr,
    /// Where it is defined.
    pub span: Span,
}

/// A function's name, parameters and return type.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// Its name.
    pub name: String,
    /// Its doc comments.
    pub docs: Vec<String>,
    /// Its parameters, in order, with their types.
    pub params: Vec<(String, Type)>,
    /// What it returns ([`Type::Unit`] without `->`).
    pub ret: Type,
    /// Where it is declared.
    pub span: Span,
}

/// A function of the module.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// Its name, parameters and return type.
    pub signature: Signature,
    /// Whether it is `pub`.
    pub public: bool,
    /// Its locals, parameters first: what [`ExprKind::Local`] and the statements index.
    pub locals: Vec<Local>,
    /// Its body.
    pub body: Block,
}

/// A parameter or a `let` binding of a function.
#[derive(Clone, Debug, PartialEq)]
pub struct Local {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Whether it can be assigned (`let mut`).
    pub mutable: bool,
}

/// `{ statements; tail }`
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Its statements, in order.
    pub stmts: Vec<Stmt>,
    /// Its value, if it has one.
    pub tail: Option<Box<Expr>>,
    /// Its type: the tail's, or [`Type::Unit`].
    pub ty: Type,
}

/// A checked statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// Binds a local (an index into [`FunctionDef::locals`]).
    Let {
        /// The local bound.
        local: usize,
        /// Its value.
        value: Expr,
    },
    /// Assigns a local.
    Assign {
        /// The local assigned.
        local: usize,
        /// `=`, `+=` or `-=`.
        op: AssignOp,
        /// The value.
        value: Expr,
        /// Where the statement is, for an overflow of `+=`.
        span: Span,
    },
    /// `while`.
    While {
        /// A `bool`.
        condition: Expr,
        /// The loop's body.
        body: Block,
    },
    /// `for local in list`.
    ForList {
        /// The local each element is bound to.
        local: usize,
        /// The list.
        list: Expr,
        /// The loop's body.
        body: Block,
    },
    /// `for local in start..end`.
    ForRange {
        /// The local each integer is bound to.
        local: usize,
        /// The first integer.
        start: Expr,
        /// One past the last.
        end: Expr,
        /// The loop's body.
        body: Block,
    },
    /// `return`.
    Return(Option<Expr>),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// An expression for its effect.
    Expr(Expr),
}

/// A checked expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its type.
    pub ty: Type,
    /// Where it is, for run-time errors.
    pub span: Span,
}

/// What a checked expression is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An `int` literal.
    Int(i64),
    /// A `float` literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// `none`.
    None,
    /// A local (an index into [`FunctionDef::locals`]).
    Local(usize),
    /// A constant (an index into [`Program::consts`]).
    Const(usize),
    /// `-x`, `!x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`; `+` of two `str`s concatenates.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A function of the module (an index into [`Program::functions`]).
    Call(usize, Vec<Expr>),
    /// A host function (an index into [`Program::host`]).
    Host(usize, Vec<Expr>),
    /// A function of the standard library.
    Builtin(Builtin, Vec<Expr>),
    /// A record's field, by position.
    Field(Box<Expr>, usize),
    /// `list[index]`, or `map[key]`.
    Index(Box<Expr>, Box<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// A record (an index into [`Program::records`]) with its fields' values in the
    /// record's order.
    Record(usize, Vec<Expr>),
    /// `if condition { .. } else ..`.
    If(Box<Expr>, Block, Option<Box<Expr>>),
    /// `match value { pattern => value, .. }`.
    Match(Box<Expr>, Vec<(Pattern, Expr)>),
    /// `{ .. }`.
    Block(Block),
    /// Left by an error; never in a program that checked.
    Error,
}

/// A checked pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// `_`.
    Wildcard,
    /// An integer literal.
    Int(i64),
    /// A string literal.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// `none`.
    None,
    /// `some(local)`.
    Some(usize),
}

macro_rules! builtins {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )+) => {
        /// The standard library, one implementation for every back end.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Builtin {
            $( $(#[$doc])* $variant, )+
        }

        impl Builtin {
            /// Every function of the standard library.
            pub const ALL: &'static [Builtin] = &[ $( Builtin::$variant, )+ ];

            /// Its name in scripts.
            pub fn name(self) -> &'static str {
                match self {
                    $( Builtin::$variant => $name, )+
                }
            }

            /// The function of that name.
            pub fn from_name(name: &str) -> Option<Builtin> {
                match name {
                    $( $name => Some(Builtin::$variant), )+
                    _ => None,
                }
            }
        }
    };
}

builtins! {
    /// `len(list | str | map) -> int`: elements, characters (not bytes) or entries.
    Len = "len",
    /// `min(a, b)`: of two `int`s or two `float`s.
    Min = "min",
    /// `max(a, b)`: of two `int`s or two `float`s.
    Max = "max",
    /// `abs(x)`: of an `int` (an error for the smallest) or a `float`.
    Abs = "abs",
    /// `round(x: float) -> float`: half away from zero.
    Round = "round",
    /// `to_int(x: float) -> int`: toward zero; an error outside `int`'s range or for NaN.
    ToInt = "to_int",
    /// `to_float(x: int) -> float`.
    ToFloat = "to_float",
    /// `to_str(x)`: any `int`, `float`, `bool` or `str` as text.
    ToStr = "to_str",
    /// `contains(list[T], T)`, `contains(str, str)`, `contains(map[str, T], str) -> bool`.
    Contains = "contains",
    /// `push(list[T], T) -> list[T]`: the list with the element added (lists are values).
    Push = "push",
    /// `keys(map[str, T]) -> list[str]`: sorted.
    Keys = "keys",
    /// `get(map[str, T], str)` or `get(list[T], int) -> option[T]`.
    Get = "get",
    /// `insert(map[str, T], str, T) -> map[str, T]`: the map with the entry set.
    Insert = "insert",
    /// `some(x) -> option[T]`.
    Some = "some",
    /// `map() -> map[str, T]`: an empty map, its type from where it goes
    /// (`let m: map[str, int] = map();`).
    EmptyMap = "map",
}

/// Doc comment lines (as the IR keeps them, each with what followed `///`) as one text, each
/// line without the space after `///`: what a `DynModule` signature and the bytecode carry.
pub fn doc_text(lines: &[String]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    lines.join("\n")
}

/// Walks the IR; each method's default visits the node's children, so an implementation
/// overrides only what it looks at.
pub trait Visitor {
    /// A function of the program.
    fn visit_function(&mut self, function: &FunctionDef) {
        self.visit_block(&function.body);
    }

    /// A block.
    fn visit_block(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.visit_stmt(stmt);
        }
        if let Some(tail) = &block.tail {
            self.visit_expr(tail);
        }
    }

    /// A statement.
    fn visit_stmt(&mut self, stmt: &Stmt) {
        walk_stmt(self, stmt);
    }

    /// An expression.
    fn visit_expr(&mut self, expr: &Expr) {
        self.visit_expr_children(expr);
    }

    /// The expressions and blocks in an expression: what [`Visitor::visit_expr`] visits by
    /// default, for an override that looks at the expression and then goes on.
    fn visit_expr_children(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Unary(_, operand) | ExprKind::Field(operand, _) => self.visit_expr(operand),
            ExprKind::Binary(_, left, right) | ExprKind::Index(left, right) => {
                self.visit_expr(left);
                self.visit_expr(right);
            }
            ExprKind::Call(_, args)
            | ExprKind::Host(_, args)
            | ExprKind::Builtin(_, args)
            | ExprKind::List(args)
            | ExprKind::Record(_, args) => {
                for arg in args {
                    self.visit_expr(arg);
                }
            }
            ExprKind::If(condition, then, otherwise) => {
                self.visit_expr(condition);
                self.visit_block(then);
                if let Some(otherwise) = otherwise {
                    self.visit_expr(otherwise);
                }
            }
            ExprKind::Match(value, arms) => {
                self.visit_expr(value);
                for (_, arm) in arms {
                    self.visit_expr(arm);
                }
            }
            ExprKind::Block(block) => self.visit_block(block),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Local(_)
            | ExprKind::Const(_)
            | ExprKind::Error => {}
        }
    }
}

/// What [`Visitor::visit_stmt`] does by default: visits a statement's expressions and
/// blocks, for an override that looks at the statement and then goes on.
pub fn walk_stmt<V: Visitor + ?Sized>(visitor: &mut V, stmt: &Stmt) {
    match stmt {
        Stmt::Let { value, .. } | Stmt::Assign { value, .. } | Stmt::Expr(value) => {
            visitor.visit_expr(value);
        }
        Stmt::While { condition, body } => {
            visitor.visit_expr(condition);
            visitor.visit_block(body);
        }
        Stmt::ForList { list, body, .. } => {
            visitor.visit_expr(list);
            visitor.visit_block(body);
        }
        Stmt::ForRange {
            start, end, body, ..
        } => {
            visitor.visit_expr(start);
            visitor.visit_expr(end);
            visitor.visit_block(body);
        }
        Stmt::Return(value) => {
            if let Some(value) = value {
                visitor.visit_expr(value);
            }
        }
        Stmt::Break | Stmt::Continue => {}
    }
}
