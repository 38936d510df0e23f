//! Tokens → syntax tree, with error recovery: a mistake in a statement skips to its `;` or
//! its block's end, a mistake in an item to the next item, so that one run reports every
//! error of a source. Recursive descent, with precedence climbing for binary operators.
//! Nesting deeper than [`MAX_DEPTH`] is refused, so no input can exhaust the stack.

use crate::ast::{
    Arm, AssignOp, BinaryOp, Block, Const, Expr, ExprKind, Function, HostFunction, Ident, Item,
    Module, Param, Pattern, Record, Stmt, TypeExpr, UnaryOp,
};
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::{Delimiter, Punct, Token, TokenKind};

/// How deeply expressions and blocks may nest.
pub const MAX_DEPTH: usize = 128;

/// Words that cannot be names.
pub const KEYWORDS: &[&str] = &[
    "module", "pub", "fn", "const", "record", "host", "let", "mut", "if", "else", "match", "while",
    "for", "in", "break", "continue", "return", "true", "false", "none",
];

/// The module of a source, and every syntax error in it. The module is `None` only when
/// the source does not start as one (`module name {`).
pub fn parse(tokens: &[Token]) -> (Option<Module>, Vec<Diagnostic>) {
    let mut parser = Parser {
        tokens,
        position: 0,
        depth: 0,
        diagnostics: Vec::new(),
    };
    let module = parser.module();
    (module, parser.diagnostics)
}

struct Parser<'t> {
    tokens: &'t [Token],
    position: usize,
    depth: usize,
    diagnostics: Vec<Diagnostic>,
}

/// A syntax error was reported; the caller recovers.
struct Reported;

type Parsed<T> = Result<T, Reported>;

impl Parser<'_> {
    // ─── tokens ──────────────────────────────────────────────────────────────────────

    fn peek(&self) -> Option<&TokenKind> {
        self.tokens.get(self.position).map(|token| &token.kind)
    }

    fn peek_at(&self, ahead: usize) -> Option<&TokenKind> {
        self.tokens
            .get(self.position + ahead)
            .map(|token| &token.kind)
    }

    /// The span of the next token, or an empty span after the last.
    fn span(&self) -> Span {
        match self.tokens.get(self.position) {
            Some(token) => token.span,
            None => {
                let end = self.tokens.last().map_or(0, |token| token.span.end);
                Span::new(end, end)
            }
        }
    }

    /// The span of the token just taken.
    fn previous(&self) -> Span {
        self.position
            .checked_sub(1)
            .and_then(|at| self.tokens.get(at))
            .map_or_else(|| self.span(), |token| token.span)
    }

    fn bump(&mut self) {
        if self.position < self.tokens.len() {
            self.position += 1;
        }
    }

    fn at_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(TokenKind::Ident(name)) if name == word)
    }

    fn at_punct(&self, punct: Punct) -> bool {
        self.peek() == Some(&TokenKind::Punct(punct))
    }

    fn at_open(&self, delimiter: Delimiter) -> bool {
        self.peek() == Some(&TokenKind::Open(delimiter))
    }

    fn at_close(&self, delimiter: Delimiter) -> bool {
        self.peek() == Some(&TokenKind::Close(delimiter))
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.at_word(word);
        if found {
            self.bump();
        }
        found
    }

    fn eat_punct(&mut self, punct: Punct) -> bool {
        let found = self.at_punct(punct);
        if found {
            self.bump();
        }
        found
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> Reported {
        self.diagnostics.push(Diagnostic::error(span, message));
        Reported
    }

    /// An error at the next token: "expected X, found Y".
    fn expected(&mut self, what: &str) -> Reported {
        let found = match self.peek() {
            Some(kind) => format!("found {kind}"),
            None => "found the end of the source".to_owned(),
        };
        let span = self.span();
        self.error(span, format!("expected {what}, {found}"))
    }

    fn expect_punct(&mut self, punct: Punct) -> Parsed<()> {
        if self.eat_punct(punct) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", punct.text())))
        }
    }

    fn expect_open(&mut self, delimiter: Delimiter) -> Parsed<()> {
        if self.at_open(delimiter) {
            self.bump();
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", delimiter.open())))
        }
    }

    fn expect_close(&mut self, delimiter: Delimiter) -> Parsed<()> {
        if self.at_close(delimiter) {
            self.bump();
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", delimiter.close())))
        }
    }

    fn expect_word(&mut self, word: &str) -> Parsed<()> {
        if self.eat_word(word) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{word}`")))
        }
    }

    /// A name that is not a keyword.
    fn ident(&mut self, what: &str) -> Parsed<Ident> {
        match self.peek() {
            Some(TokenKind::Ident(name)) if !KEYWORDS.contains(&name.as_str()) => {
                let ident = Ident {
                    name: name.clone(),
                    span: self.span(),
                };
                self.bump();
                Ok(ident)
            }
            Some(TokenKind::Ident(name)) => {
                let message =
                    format!("expected {what}, found the keyword `{name}`, which cannot be a name");
                let span = self.span();
                Err(self.error(span, message))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn docs(&mut self) -> Vec<String> {
        let mut docs = Vec::new();
        while let Some(TokenKind::Doc(text)) = self.peek() {
            docs.push(text.clone());
            self.bump();
        }
        docs
    }

    /// Steps over one token, or a whole delimited group: always at least one token, so
    /// that recovery makes progress (a stray closing delimiter is stepped over alone).
    fn skip_tree(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some(TokenKind::Open(_)) => depth += 1,
                Some(TokenKind::Close(_)) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.bump();
            if depth == 0 {
                return;
            }
        }
    }

    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Parsed<T>) -> Parsed<T> {
        if self.depth >= MAX_DEPTH {
            let span = self.span();
            return Err(self.error(
                span,
                format!(
                    "nested more than {MAX_DEPTH} levels deep: split it into functions or `let`s"
                ),
            ));
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    // ─── items ───────────────────────────────────────────────────────────────────────

    fn module(&mut self) -> Option<Module> {
        let docs = self.docs();
        let start = self.span();
        if self.expect_word("module").is_err() {
            return None;
        }
        let name = self.ident("the module's name").ok()?;
        self.expect_open(Delimiter::Brace).ok()?;
        let mut items = Vec::new();
        while !self.at_close(Delimiter::Brace) && self.peek().is_some() {
            let before = self.position;
            match self.item() {
                Ok(item) => items.push(item),
                Err(Reported) => self.skip_to_item(before),
            }
        }
        let _ = self.expect_close(Delimiter::Brace);
        if self.peek().is_some() {
            let span = self.span();
            self.error(
                span,
                "a source holds one module: nothing may follow its `}`",
            );
        }
        Some(Module {
            docs,
            name,
            items,
            span: start.to(self.previous()),
        })
    }

    /// After an error in an item: on to the next item, or the module's `}`.
    fn skip_to_item(&mut self, before: usize) {
        if self.position == before {
            self.skip_tree();
        }
        while let Some(kind) = self.peek() {
            let item_start = matches!(kind, TokenKind::Doc(_))
                || ["pub", "fn", "const", "record", "host"]
                    .iter()
                    .any(|word| self.at_word(word));
            if item_start || self.at_close(Delimiter::Brace) {
                return;
            }
            self.skip_tree();
        }
    }

    fn item(&mut self) -> Parsed<Item> {
        let docs = self.docs();
        let start = self.span();
        let public = self.eat_word("pub");
        if self.eat_word("fn") {
            self.function(docs, public, start).map(Item::Function)
        } else if self.eat_word("const") {
            let name = self.ident("the constant's name")?;
            self.expect_punct(Punct::Colon)?;
            let ty = self.ty()?;
            self.expect_punct(Punct::Eq)?;
            let value = self.expr(true)?;
            self.expect_punct(Punct::Semi)?;
            Ok(Item::Const(Const {
                docs,
                public,
                name,
                ty,
                value,
                span: start.to(self.previous()),
            }))
        } else if self.eat_word("record") {
            let name = self.ident("the record's name")?;
            self.expect_open(Delimiter::Brace)?;
            let fields = self.params(Delimiter::Brace, "a field name")?;
            Ok(Item::Record(Record {
                docs,
                public,
                name,
                fields,
                span: start.to(self.previous()),
            }))
        } else if self.at_word("host") && !public {
            self.bump();
            self.host()
        } else {
            Err(self
                .expected("an item: `fn`, `const`, `record` (each may be `pub`) or `host { .. }`"))
        }
    }

    fn function(&mut self, docs: Vec<String>, public: bool, start: Span) -> Parsed<Function> {
        let name = self.ident("the function's name")?;
        self.expect_open(Delimiter::Paren)?;
        let params = self.params(Delimiter::Paren, "a parameter name")?;
        let ret = if self.eat_punct(Punct::Arrow) {
            Some(self.ty()?)
        } else {
            None
        };
        let body = self.block()?;
        Ok(Function {
            docs,
            public,
            name,
            params,
            ret,
            body,
            span: start.to(self.previous()),
        })
    }

    fn host(&mut self) -> Parsed<Item> {
        self.expect_open(Delimiter::Brace)?;
        let mut functions = Vec::new();
        while !self.at_close(Delimiter::Brace) && self.peek().is_some() {
            let docs = self.docs();
            let start = self.span();
            self.expect_word("fn")?;
            let name = self.ident("the host function's name")?;
            self.expect_open(Delimiter::Paren)?;
            let params = self.params(Delimiter::Paren, "a parameter name")?;
            let ret = if self.eat_punct(Punct::Arrow) {
                Some(self.ty()?)
            } else {
                None
            };
            if self.at_open(Delimiter::Brace) {
                let span = self.span();
                return Err(self.error(
                    span,
                    "a host function has no body: the embedder provides it; end it with `;`",
                ));
            }
            self.expect_punct(Punct::Semi)?;
            functions.push(HostFunction {
                docs,
                name,
                params,
                ret,
                span: start.to(self.previous()),
            });
        }
        self.expect_close(Delimiter::Brace)?;
        Ok(Item::Host(functions))
    }

    /// `name: type, ..` up to the closing delimiter, which it takes.
    fn params(&mut self, close: Delimiter, what: &str) -> Parsed<Vec<Param>> {
        let mut params = Vec::new();
        while !self.at_close(close) {
            let name = self.ident(what)?;
            self.expect_punct(Punct::Colon)?;
            let ty = self.ty()?;
            params.push(Param { name, ty });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_close(close)?;
        Ok(params)
    }

    fn ty(&mut self) -> Parsed<TypeExpr> {
        self.nested(|parser| {
            let name = parser.ident("a type")?;
            let mut args = Vec::new();
            if parser.at_open(Delimiter::Bracket) {
                parser.bump();
                while !parser.at_close(Delimiter::Bracket) {
                    args.push(parser.ty()?);
                    if !parser.eat_punct(Punct::Comma) {
                        break;
                    }
                }
                parser.expect_close(Delimiter::Bracket)?;
            }
            Ok(TypeExpr {
                span: name.span.to(parser.previous()),
                name,
                args,
            })
        })
    }

    // ─── statements ──────────────────────────────────────────────────────────────────

    fn block(&mut self) -> Parsed<Block> {
        self.nested(|parser| {
            let start = parser.span();
            parser.expect_open(Delimiter::Brace)?;
            let mut stmts = Vec::new();
            let mut tail = None;
            let mut recovered = false;
            while !parser.at_close(Delimiter::Brace) && parser.peek().is_some() {
                let before = parser.position;
                match parser.stmt() {
                    Ok(Statement::Stmt(stmt)) => stmts.push(stmt),
                    Ok(Statement::Tail(expr)) => {
                        tail = Some(Box::new(expr));
                        break;
                    }
                    Err(Reported) => {
                        recovered = true;
                        parser.skip_statement(before);
                    }
                }
            }
            parser.expect_close(Delimiter::Brace)?;
            Ok(Block {
                stmts,
                tail,
                recovered,
                span: start.to(parser.previous()),
            })
        })
    }

    /// After an error in a statement: past its `;`, or up to its block's `}`.
    fn skip_statement(&mut self, before: usize) {
        if self.position == before {
            self.skip_tree();
        }
        while self.peek().is_some() && !self.at_close(Delimiter::Brace) {
            if self.eat_punct(Punct::Semi) {
                return;
            }
            self.skip_tree();
        }
    }

    fn stmt(&mut self) -> Parsed<Statement> {
        let start = self.span();
        if self.eat_word("let") {
            let mutable = self.eat_word("mut");
            let name = self.ident("a name for the binding")?;
            let ty = if self.eat_punct(Punct::Colon) {
                Some(self.ty()?)
            } else {
                None
            };
            self.expect_punct(Punct::Eq)?;
            let value = self.expr(true)?;
            self.expect_punct(Punct::Semi)?;
            return Ok(Statement::Stmt(Stmt::Let {
                mutable,
                name,
                ty,
                value,
                span: start.to(self.previous()),
            }));
        }
        if self.eat_word("while") {
            let condition = self.expr(false)?;
            let body = self.block()?;
            return Ok(Statement::Stmt(Stmt::While {
                condition,
                body,
                span: start.to(self.previous()),
            }));
        }
        if self.eat_word("for") {
            let binding = self.ident("a name for each element")?;
            self.expect_word("in")?;
            let first = self.expr(false)?;
            let iterable = if self.eat_punct(Punct::DotDot) {
                let end = self.expr(false)?;
                let span = first.span.to(end.span);
                Expr {
                    kind: ExprKind::Range(Box::new(first), Box::new(end)),
                    span,
                }
            } else {
                first
            };
            let body = self.block()?;
            return Ok(Statement::Stmt(Stmt::For {
                binding,
                iterable,
                body,
                span: start.to(self.previous()),
            }));
        }
        if self.eat_word("return") {
            let value = if self.at_punct(Punct::Semi) || self.at_close(Delimiter::Brace) {
                None
            } else {
                Some(self.expr(true)?)
            };
            self.end_of_statement()?;
            return Ok(Statement::Stmt(Stmt::Return {
                value,
                span: start.to(self.previous()),
            }));
        }
        if self.eat_word("break") {
            self.end_of_statement()?;
            return Ok(Statement::Stmt(Stmt::Break(start)));
        }
        if self.eat_word("continue") {
            self.end_of_statement()?;
            return Ok(Statement::Stmt(Stmt::Continue(start)));
        }
        let assign = match self.peek_at(1) {
            Some(TokenKind::Punct(Punct::Eq)) => Some(AssignOp::Set),
            Some(TokenKind::Punct(Punct::PlusEq)) => Some(AssignOp::Add),
            Some(TokenKind::Punct(Punct::MinusEq)) => Some(AssignOp::Sub),
            _ => None,
        };
        if let (Some(op), Some(TokenKind::Ident(_))) = (assign, self.peek()) {
            let target = self.ident("the name to assign to")?;
            self.bump();
            let value = self.expr(true)?;
            self.expect_punct(Punct::Semi)?;
            return Ok(Statement::Stmt(Stmt::Assign {
                target,
                op,
                value,
                span: start.to(self.previous()),
            }));
        }
        let expr = self.expr(true)?;
        if self.eat_punct(Punct::Semi) {
            return Ok(Statement::Stmt(Stmt::Expr(expr)));
        }
        if self.at_close(Delimiter::Brace) {
            return Ok(Statement::Tail(expr));
        }
        if matches!(
            expr.kind,
            ExprKind::If(..) | ExprKind::Match(..) | ExprKind::Block(_)
        ) {
            return Ok(Statement::Stmt(Stmt::Expr(expr)));
        }
        Err(self.expected("`;` or `}`"))
    }

    /// `;`, which may be left out before a block's `}`.
    fn end_of_statement(&mut self) -> Parsed<()> {
        if self.eat_punct(Punct::Semi) || self.at_close(Delimiter::Brace) {
            Ok(())
        } else {
            Err(self.expected("`;`"))
        }
    }

    // ─── expressions ─────────────────────────────────────────────────────────────────

    /// An expression; `records` is false where a `{` starts a block (`if x {`), as in Rust.
    fn expr(&mut self, records: bool) -> Parsed<Expr> {
        self.nested(|parser| parser.binary(0, records))
    }

    fn binary(&mut self, min: u8, records: bool) -> Parsed<Expr> {
        let mut left = self.unary(records)?;
        while let Some(op) = self.binary_op() {
            let precedence = op.precedence();
            if precedence <= min {
                break;
            }
            self.bump();
            let right = self.nested(|parser| parser.binary(precedence, records))?;
            if precedence == 3 && self.binary_op().is_some_and(|next| next.precedence() == 3) {
                let span = self.span();
                return Err(self.error(
                    span,
                    "comparisons cannot be chained: write `a < b && b < c`",
                ));
            }
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                span,
            };
        }
        Ok(left)
    }

    fn binary_op(&self) -> Option<BinaryOp> {
        let TokenKind::Punct(punct) = self.peek()? else {
            return None;
        };
        Some(match punct {
            Punct::OrOr => BinaryOp::Or,
            Punct::AndAnd => BinaryOp::And,
            Punct::EqEq => BinaryOp::Eq,
            Punct::NotEq => BinaryOp::NotEq,
            Punct::Less => BinaryOp::Less,
            Punct::LessEq => BinaryOp::LessEq,
            Punct::Greater => BinaryOp::Greater,
            Punct::GreaterEq => BinaryOp::GreaterEq,
            Punct::Plus => BinaryOp::Add,
            Punct::Minus => BinaryOp::Sub,
            Punct::Star => BinaryOp::Mul,
            Punct::Slash => BinaryOp::Div,
            Punct::Percent => BinaryOp::Rem,
            _ => return None,
        })
    }

    fn unary(&mut self, records: bool) -> Parsed<Expr> {
        let start = self.span();
        let op = if self.eat_punct(Punct::Minus) {
            Some(UnaryOp::Neg)
        } else if self.eat_punct(Punct::Bang) {
            Some(UnaryOp::Not)
        } else {
            None
        };
        match op {
            Some(op) => {
                // `-9223372036854775808`: the one literal that only fits negated.
                if op == UnaryOp::Neg
                    && matches!(self.peek(), Some(TokenKind::Int(digits)) if digits == "9223372036854775808")
                {
                    self.bump();
                    return Ok(Expr {
                        kind: ExprKind::Int(i64::MIN),
                        span: start.to(self.previous()),
                    });
                }
                let operand = self.nested(|parser| parser.unary(records))?;
                let span = start.to(operand.span);
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(operand)),
                    span,
                })
            }
            None => self.postfix(records),
        }
    }

    fn postfix(&mut self, records: bool) -> Parsed<Expr> {
        let mut expr = self.primary(records)?;
        loop {
            if self.eat_punct(Punct::Dot) {
                let field = self.ident("a field name")?;
                if self.at_open(Delimiter::Paren) {
                    let span = field.span;
                    let name = field.name;
                    return Err(self.error(
                        span,
                        format!("the language has no methods: call `{name}(value, ..)` instead of `value.{name}(..)`"),
                    ));
                }
                let span = expr.span.to(field.span);
                expr = Expr {
                    kind: ExprKind::Field(Box::new(expr), field),
                    span,
                };
            } else if self.at_open(Delimiter::Bracket) {
                self.bump();
                let index = self.expr(true)?;
                self.expect_close(Delimiter::Bracket)?;
                let span = expr.span.to(self.previous());
                expr = Expr {
                    kind: ExprKind::Index(Box::new(expr), Box::new(index)),
                    span,
                };
            } else {
                return Ok(expr);
            }
        }
    }

    fn primary(&mut self, records: bool) -> Parsed<Expr> {
        let start = self.span();
        let literal = |kind| Ok(Expr { kind, span: start });
        match self.peek().cloned() {
            Some(TokenKind::Int(digits)) => {
                self.bump();
                match digits.parse::<i64>() {
                    Ok(value) => literal(ExprKind::Int(value)),
                    Err(_) => Err(self.error(
                        start,
                        format!("`{digits}` does not fit an `int` (a 64-bit signed integer, at most 9223372036854775807)"),
                    )),
                }
            }
            Some(TokenKind::Float(text)) => {
                self.bump();
                match text.parse::<f64>() {
                    Ok(value) if value.is_finite() => literal(ExprKind::Float(value)),
                    _ => Err(self.error(start, format!("`{text}` is not a finite `float`"))),
                }
            }
            Some(TokenKind::Str(value)) => {
                self.bump();
                literal(ExprKind::Str(value))
            }
            Some(TokenKind::Open(Delimiter::Paren)) => {
                self.bump();
                let inner = self.expr(true)?;
                self.expect_close(Delimiter::Paren)?;
                Ok(Expr {
                    kind: inner.kind,
                    span: start.to(self.previous()),
                })
            }
            Some(TokenKind::Open(Delimiter::Bracket)) => {
                self.bump();
                let elements = self.list(Delimiter::Bracket)?;
                Ok(Expr {
                    kind: ExprKind::List(elements),
                    span: start.to(self.previous()),
                })
            }
            Some(TokenKind::Open(Delimiter::Brace)) => {
                let block = self.block()?;
                let span = block.span;
                Ok(Expr {
                    kind: ExprKind::Block(block),
                    span,
                })
            }
            Some(TokenKind::Ident(word)) => match word.as_str() {
                "true" | "false" => {
                    self.bump();
                    literal(ExprKind::Bool(word == "true"))
                }
                "none" => {
                    self.bump();
                    literal(ExprKind::None)
                }
                "if" => self.if_expr(),
                "match" => self.match_expr(),
                _ => {
                    let name = self.ident("an expression")?;
                    if self.at_open(Delimiter::Paren) {
                        self.bump();
                        let args = self.list(Delimiter::Paren)?;
                        Ok(Expr {
                            kind: ExprKind::Call(name, args),
                            span: start.to(self.previous()),
                        })
                    } else if records && self.at_open(Delimiter::Brace) {
                        self.bump();
                        let fields = self.record_fields()?;
                        Ok(Expr {
                            kind: ExprKind::Record(name, fields),
                            span: start.to(self.previous()),
                        })
                    } else {
                        let span = name.span;
                        Ok(Expr {
                            kind: ExprKind::Name(name),
                            span,
                        })
                    }
                }
            },
            _ => Err(self.expected("an expression")),
        }
    }

    /// `a, b, ..` up to the closing delimiter, which it takes.
    fn list(&mut self, close: Delimiter) -> Parsed<Vec<Expr>> {
        let mut elements = Vec::new();
        while !self.at_close(close) {
            elements.push(self.expr(true)?);
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_close(close)?;
        Ok(elements)
    }

    fn record_fields(&mut self) -> Parsed<Vec<(Ident, Expr)>> {
        let mut fields = Vec::new();
        while !self.at_close(Delimiter::Brace) {
            let name = self.ident("a field name")?;
            self.expect_punct(Punct::Colon)?;
            let value = self.expr(true)?;
            fields.push((name, value));
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_close(Delimiter::Brace)?;
        Ok(fields)
    }

    fn if_expr(&mut self) -> Parsed<Expr> {
        let start = self.span();
        self.expect_word("if")?;
        let condition = self.expr(false)?;
        let then = self.block()?;
        let otherwise = if self.eat_word("else") {
            let branch = if self.at_word("if") {
                self.nested(Self::if_expr)?
            } else {
                let block = self.block()?;
                let span = block.span;
                Expr {
                    kind: ExprKind::Block(block),
                    span,
                }
            };
            Some(Box::new(branch))
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::If(Box::new(condition), then, otherwise),
            span: start.to(self.previous()),
        })
    }

    fn match_expr(&mut self) -> Parsed<Expr> {
        let start = self.span();
        self.expect_word("match")?;
        let value = self.expr(false)?;
        self.expect_open(Delimiter::Brace)?;
        let mut arms = Vec::new();
        while !self.at_close(Delimiter::Brace) && self.peek().is_some() {
            let pattern = self.pattern()?;
            self.expect_punct(Punct::FatArrow)?;
            let arm_value = self.expr(true)?;
            let span = pattern.span().to(arm_value.span);
            let block_like = matches!(arm_value.kind, ExprKind::Block(_));
            arms.push(Arm {
                pattern,
                value: arm_value,
                span,
            });
            if !self.eat_punct(Punct::Comma) && !block_like {
                break;
            }
        }
        self.expect_close(Delimiter::Brace)?;
        Ok(Expr {
            kind: ExprKind::Match(Box::new(value), arms),
            span: start.to(self.previous()),
        })
    }

    fn pattern(&mut self) -> Parsed<Pattern> {
        let start = self.span();
        let negative = self.eat_punct(Punct::Minus);
        let pattern = match self.peek().cloned() {
            Some(TokenKind::Int(digits)) => {
                self.bump();
                let text = if negative {
                    format!("-{digits}")
                } else {
                    digits
                };
                match text.parse::<i64>() {
                    Ok(value) => Pattern::Int(value, start.to(self.previous())),
                    Err(_) => {
                        return Err(self.error(start, format!("`{text}` does not fit an `int`")));
                    }
                }
            }
            _ if negative => return Err(self.expected("an integer after `-`")),
            Some(TokenKind::Str(value)) => {
                self.bump();
                Pattern::Str(value, start)
            }
            Some(TokenKind::Ident(word)) if word == "_" => {
                self.bump();
                Pattern::Wildcard(start)
            }
            Some(TokenKind::Ident(word)) if word == "true" || word == "false" => {
                self.bump();
                Pattern::Bool(word == "true", start)
            }
            Some(TokenKind::Ident(word)) if word == "none" => {
                self.bump();
                Pattern::None(start)
            }
            Some(TokenKind::Ident(word)) if word == "some" => {
                self.bump();
                self.expect_open(Delimiter::Paren)?;
                let binding = self.ident("a name for the value")?;
                self.expect_close(Delimiter::Paren)?;
                Pattern::Some(binding, start.to(self.previous()))
            }
            _ => {
                return Err(self.expected("a pattern: a literal, `_`, `none` or `some(name)`"));
            }
        };
        Ok(pattern)
    }
}

/// A statement, or the block's last expression (its value).
enum Statement {
    Stmt(Stmt),
    Tail(Expr),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;

    fn parsed(source: &str) -> (Option<Module>, Vec<String>) {
        let (tokens, lexed) = lex(source);
        assert!(lexed.is_empty(), "{lexed:?}");
        let (module, diagnostics) = parse(&tokens);
        (module, diagnostics.into_iter().map(|d| d.message).collect())
    }

    const PRICING: &str = r#"
/// Pricing rules.
module pricing {
    const VAT: float = 0.2;
    record Item { name: str, cents: int, qty: int }
    fn net(gross: float) -> float { gross / (1.0 + VAT) }
    pub fn total(items: list[Item], tier: str) -> int {
        let mut sum = 0;
        for item in items { sum = sum + item.cents * item.qty; }
        match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
    }
    host { fn now() -> int; }
}
"#;

    #[test]
    fn the_pricing_example_parses() {
        let (module, errors) = parsed(PRICING);
        assert!(errors.is_empty(), "{errors:?}");
        let module = module.expect("a module");
        assert_eq!(module.name.name, "pricing");
        assert_eq!(module.docs, [" Pricing rules."]);
        assert_eq!(module.items.len(), 5);
        let Item::Function(total) = &module.items[3] else {
            panic!("not a function: {:?}", module.items[3]);
        };
        assert!(total.public);
        assert_eq!(total.body.stmts.len(), 2);
        assert!(matches!(
            total.body.tail.as_deref().map(|tail| &tail.kind),
            Some(ExprKind::Match(_, arms)) if arms.len() == 3
        ));
    }

    #[test]
    fn precedence_is_rusts() {
        let (module, errors) = parsed("module m { fn f() -> int { 1 + 2 * 3 - -4 } }");
        assert!(errors.is_empty(), "{errors:?}");
        let Some(Item::Function(function)) = module.and_then(|m| m.items.into_iter().next()) else {
            panic!("no function");
        };
        let tail = function.body.tail.expect("a tail");
        // (1 + (2 * 3)) - (-4)
        let ExprKind::Binary(BinaryOp::Sub, left, right) = tail.kind else {
            panic!("{:?}", tail.kind);
        };
        assert!(matches!(right.kind, ExprKind::Unary(UnaryOp::Neg, _)));
        let ExprKind::Binary(BinaryOp::Add, _, product) = left.kind else {
            panic!("{:?}", left.kind);
        };
        assert!(matches!(
            product.kind,
            ExprKind::Binary(BinaryOp::Mul, _, _)
        ));
    }

    #[test]
    fn every_error_of_a_source_in_one_run() {
        let (module, errors) = parsed(
            "module m {
                fn a( -> int { 1 }
                fn b() -> int { let x = ; x }
                fn c() { if 1 < 2 < 3 { } }
                fn d() { x.len(); }
                const K: int = 99999999999999999999;
                fn e() { let fn = 1; }
            }",
        );
        assert!(module.is_some());
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].contains("expected a parameter name, found `->`"));
        assert!(errors[1].contains("expected an expression, found `;`"));
        assert!(errors[2].contains("comparisons cannot be chained"));
        assert!(errors[3].contains("no methods: call `len(value, ..)`"));
        assert!(errors[4].contains("does not fit an `int`"));
        assert!(errors[5].contains("the keyword `fn`"));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!(
            "module m {{ fn f() -> int {{ {}1{} }} }}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let (_, errors) = parsed(&deep);
        assert!(
            errors
                .iter()
                .any(|e| e.contains("nested more than 128 levels")),
            "{errors:?}"
        );
    }
}
