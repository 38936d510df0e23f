//! The syntax tree the parser builds: the program as written, every node with its span.
//! Names are not resolved and types not checked here (the checker's typed IR does that).

use crate::span::Span;

/// A name as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it is in the source.
    pub span: Span,
}

/// `module name { items }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Its `///` doc comments, a line each.
    pub docs: Vec<String>,
    /// Its name.
    pub name: Ident,
    /// Its items, in order.
    pub items: Vec<Item>,
    /// Where it is in the source.
    pub span: Span,
}

/// An item of a module.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `const`.
    Const(Const),
    /// `fn`.
    Function(Function),
    /// `record`.
    Record(Record),
    /// `host { .. }`: functions the embedder provides.
    Host(Vec<HostFunction>),
}

/// `pub const NAME: type = value;`
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    /// Its `///` doc comments, a line each.
    pub docs: Vec<String>,
    /// Whether it is `pub`: part of the module's interface.
    pub public: bool,
    /// Its name.
    pub name: Ident,
    /// Its declared type.
    pub ty: TypeExpr,
    /// Its value.
    pub value: Expr,
    /// Where it is in the source.
    pub span: Span,
}

/// `pub fn name(params) -> type { body }`
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// Its `///` doc comments, a line each.
    pub docs: Vec<String>,
    /// Whether it is `pub`: part of the module's interface.
    pub public: bool,
    /// Its name.
    pub name: Ident,
    /// Its parameters, in order.
    pub params: Vec<Param>,
    /// `None` for a function that returns nothing.
    pub ret: Option<TypeExpr>,
    /// Its body.
    pub body: Block,
    /// Where it is in the source.
    pub span: Span,
}

/// `name: type`.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Ident,
    /// Its declared type.
    pub ty: TypeExpr,
}

/// `pub record Name { field: type, .. }`
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Its `///` doc comments, a line each.
    pub docs: Vec<String>,
    /// Whether it is `pub`: part of the module's interface.
    pub public: bool,
    /// Its name.
    pub name: Ident,
    /// Its fields, in order.
    pub fields: Vec<Param>,
    /// Where it is in the source.
    pub span: Span,
}

/// `fn name(params) -> type;` in a `host { .. }` section: provided by the embedder.
#[derive(Clone, Debug, PartialEq)]
pub struct HostFunction {
    /// Its `///` doc comments, a line each.
    pub docs: Vec<String>,
    /// Its name.
    pub name: Ident,
    /// Its parameters, in order.
    pub params: Vec<Param>,
    /// Its return type; `None` when it returns nothing.
    pub ret: Option<TypeExpr>,
    /// Where it is in the source.
    pub span: Span,
}

/// A type as written: `int`, `list[Item]`, `map[str, int]`, `Item`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// Its name.
    pub name: Ident,
    /// The type's arguments (`Item` of `list[Item]`); none for other types.
    pub args: Vec<TypeExpr>,
    /// Where it is in the source.
    pub span: Span,
}

/// `{ statements; tail }`
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Its statements, in order.
    pub stmts: Vec<Stmt>,
    /// The last expression, without `;`: the block's value.
    pub tail: Option<Box<Expr>>,
    /// Whether the parser skipped part of it after an error: its value is unknown, so the
    /// checker does not report what the skipped part may have held (a missing return).
    pub recovered: bool,
    /// Where it is in the source.
    pub span: Span,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `let [mut] name [: type] = value;`
    Let {
        /// `let mut`: the binding can be assigned.
        mutable: bool,
        /// The binding's name.
        name: Ident,
        /// Its type, when written.
        ty: Option<TypeExpr>,
        /// The value.
        value: Expr,
        /// Where it is in the source.
        span: Span,
    },
    /// `name = value;`, `name += value;`, `name -= value;`
    Assign {
        /// The binding assigned to.
        target: Ident,
        /// `=`, `+=` or `-=`.
        op: AssignOp,
        /// The value.
        value: Expr,
        /// Where it is in the source.
        span: Span,
    },
    /// `while condition { body }`
    While {
        /// The condition, a `bool`.
        condition: Expr,
        /// The loop's body.
        body: Block,
        /// Where it is in the source.
        span: Span,
    },
    /// `for name in iterable { body }` (a list, or a range `a..b`)
    For {
        /// The name each element is bound to.
        binding: Ident,
        /// A list, or a range `a..b`.
        iterable: Expr,
        /// The loop's body.
        body: Block,
        /// Where it is in the source.
        span: Span,
    },
    /// `return [value];`
    Return {
        /// The value returned, if any.
        value: Option<Expr>,
        /// Where it is in the source.
        span: Span,
    },
    /// `break;`
    Break(Span),
    /// `continue;`
    Continue(Span),
    /// An expression evaluated for its effect: `expr;`, or a block-like expression.
    Expr(Expr),
}

/// `=`, `+=`, `-=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Set,
    /// `+=`
    Add,
    /// `-=`
    Sub,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is in the source.
    pub span: Span,
}

/// What an expression is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An `int` literal.
    Int(i64),
    /// A `float` literal.
    Float(f64),
    /// A string literal's value.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// `none`
    None,
    /// A name: a local, a parameter or a constant.
    Name(Ident),
    /// `-x` or `!x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `a..b`: only as what `for` iterates.
    Range(Box<Expr>, Box<Expr>),
    /// `f(args)`: a function of the module, of the standard library or of the host.
    Call(Ident, Vec<Expr>),
    /// `value.field`
    Field(Box<Expr>, Ident),
    /// `list[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `Name { field: value, .. }`
    Record(Ident, Vec<(Ident, Expr)>),
    /// `if condition { .. } else ..`; the else branch is a block or another `if`.
    If(Box<Expr>, Block, Option<Box<Expr>>),
    /// `match value { pattern => value, .. }`
    Match(Box<Expr>, Vec<Arm>),
    /// `{ .. }` as an expression: its statements, then its value.
    Block(Block),
    /// Where the parser recovered from an error: checked as any type, never run.
    Error,
}

/// `pattern => value`
#[derive(Clone, Debug, PartialEq)]
pub struct Arm {
    /// What the value is compared with.
    pub pattern: Pattern,
    /// Its value.
    pub value: Expr,
    /// Where it is in the source.
    pub span: Span,
}

/// What a `match` arm compares with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// `_`
    Wildcard(Span),
    /// An integer literal.
    Int(i64, Span),
    /// A string literal.
    Str(String, Span),
    /// `true` or `false`.
    Bool(bool, Span),
    /// `none`
    None(Span),
    /// `some(name)`
    Some(Ident, Span),
}

impl Stmt {
    /// Where the statement is.
    pub fn span(&self) -> Span {
        match self {
            Stmt::Let { span, .. }
            | Stmt::Assign { span, .. }
            | Stmt::While { span, .. }
            | Stmt::For { span, .. }
            | Stmt::Return { span, .. }
            | Stmt::Break(span)
            | Stmt::Continue(span) => *span,
            Stmt::Expr(expr) => expr.span,
        }
    }
}

impl Pattern {
    /// Where the pattern is.
    pub fn span(&self) -> Span {
        match self {
            Pattern::Wildcard(span)
            | Pattern::Int(_, span)
            | Pattern::Str(_, span)
            | Pattern::Bool(_, span)
            | Pattern::None(span)
            | Pattern::Some(_, span) => *span,
        }
    }
}

/// `-x`, `!x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `!`
    Not,
}

/// The binary operators, with Rust's precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Less,
    /// `<=`
    LessEq,
    /// `>`
    Greater,
    /// `>=`
    GreaterEq,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

impl BinaryOp {
    /// How tightly it binds: higher binds tighter (Rust's order).
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Less
            | BinaryOp::LessEq
            | BinaryOp::Greater
            | BinaryOp::GreaterEq => 3,
            BinaryOp::Add | BinaryOp::Sub => 4,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => 5,
        }
    }

    /// As written.
    pub fn text(self) -> &'static str {
        match self {
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEq => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEq => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
        }
    }
}
