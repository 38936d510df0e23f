//! Syntax tree → typed IR: names resolved, types checked, every error of a module reported
//! in one run, each at its span, and the warnings (unused bindings, unreachable code).
//!
//! Two passes: the module's records, constants and function signatures first, so that any
//! item may use any other (recursion included); then each body.

use std::collections::HashMap;

use crate::ast::{self, AssignOp, BinaryOp, UnaryOp};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Block, Builtin, ConstDef, Expr, ExprKind, FunctionDef, Local, Pattern, Program, RecordDef,
    Signature, Stmt, Type, Visitor,
};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// The typed program, or `None` when an error was found; the diagnostics either way
/// (warnings of a program that checked included).
pub fn check(module: &ast::Module) -> (Option<Program>, Vec<Diagnostic>) {
    let mut checker = Checker {
        diagnostics: Vec::new(),
        records: Vec::new(),
        record_index: HashMap::new(),
        consts: Vec::new(),
        signatures: Vec::new(),
        host: Vec::new(),
        items: HashMap::new(),
    };
    checker.declare(module);
    let consts = checker.check_consts(module);
    let functions = checker.check_functions(module);
    if !checker.diagnostics.iter().any(Diagnostic::is_error) {
        for function in &functions {
            unknown_types(function, &mut checker.diagnostics);
        }
    }
    let failed = checker.diagnostics.iter().any(Diagnostic::is_error);
    let program = Program {
        name: module.name.name.clone(),
        docs: module.docs.clone(),
        records: checker.records,
        consts,
        functions,
        host: checker.host,
    };
    (
        if failed { None } else { Some(program) },
        checker.diagnostics,
    )
}

/// What a name of the module is.
#[derive(Clone, Copy)]
enum ItemRef {
    Record,
    Const(usize),
    Function(usize),
    Host(usize),
}

struct Checker {
    diagnostics: Vec<Diagnostic>,
    records: Vec<RecordDef>,
    record_index: HashMap<String, usize>,
    /// Each constant's declared type (its value is checked in order).
    consts: Vec<(String, Type)>,
    signatures: Vec<Signature>,
    host: Vec<Signature>,
    items: HashMap<String, (ItemRef, Span)>,
}

impl Checker {
    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(span, message));
    }

    // ─── declarations ────────────────────────────────────────────────────────────────

    fn declare(&mut self, module: &ast::Module) {
        // Records first: every type may name any of them.
        for item in &module.items {
            if let ast::Item::Record(record) = item {
                let index = self.records.len();
                if self.claim(&record.name, ItemRef::Record) {
                    self.record_index.insert(record.name.name.clone(), index);
                }
                self.records.push(RecordDef {
                    name: record.name.name.clone(),
                    public: record.public,
                    docs: record.docs.clone(),
                    fields: Vec::new(),
                    span: record.span,
                });
            }
        }
        let mut record_at = 0;
        for item in &module.items {
            match item {
                ast::Item::Record(record) => {
                    let fields = self.fields(&record.fields, "field");
                    self.records[record_at].fields = fields;
                    record_at += 1;
                }
                ast::Item::Const(constant) => {
                    let ty = self.ty(&constant.ty);
                    self.claim(&constant.name, ItemRef::Const(self.consts.len()));
                    self.consts.push((constant.name.name.clone(), ty));
                }
                ast::Item::Function(function) => {
                    let signature = self.signature(
                        &function.name,
                        &function.docs,
                        &function.params,
                        function.ret.as_ref(),
                        function.span,
                    );
                    self.claim(&function.name, ItemRef::Function(self.signatures.len()));
                    self.signatures.push(signature);
                }
                ast::Item::Host(functions) => {
                    for function in functions {
                        let signature = self.signature(
                            &function.name,
                            &function.docs,
                            &function.params,
                            function.ret.as_ref(),
                            function.span,
                        );
                        self.claim(&function.name, ItemRef::Host(self.host.len()));
                        self.host.push(signature);
                    }
                }
            }
        }
    }

    /// Records a name of the module; `false` (with an error) when it is taken.
    fn claim(&mut self, name: &ast::Ident, item: ItemRef) -> bool {
        if Builtin::from_name(&name.name).is_some() || is_type_name(&name.name) {
            self.error(
                name.span,
                format!(
                    "`{}` is a name of the language (a type or a function of the standard \
                     library): choose another name",
                    name.name
                ),
            );
            return false;
        }
        if let Some((_, first)) = self.items.get(&name.name) {
            let first = *first;
            self.diagnostics.push(
                Diagnostic::error(
                    name.span,
                    format!("`{}` is defined twice in the module: rename one", name.name),
                )
                .with_note(first, "first defined here"),
            );
            return false;
        }
        self.items.insert(name.name.clone(), (item, name.span));
        true
    }

    fn fields(&mut self, params: &[ast::Param], what: &str) -> Vec<(String, Type)> {
        let mut fields: Vec<(String, Type)> = Vec::new();
        for param in params {
            if fields.iter().any(|(name, _)| *name == param.name.name) {
                self.error(
                    param.name.span,
                    format!("the {what} `{}` is declared twice", param.name.name),
                );
            }
            let ty = self.ty(&param.ty);
            fields.push((param.name.name.clone(), ty));
        }
        fields
    }

    fn signature(
        &mut self,
        name: &ast::Ident,
        docs: &[String],
        params: &[ast::Param],
        ret: Option<&ast::TypeExpr>,
        span: Span,
    ) -> Signature {
        Signature {
            name: name.name.clone(),
            docs: docs.to_vec(),
            params: self.fields(params, "parameter"),
            ret: ret.map_or(Type::Unit, |ret| self.ty(ret)),
            span,
        }
    }

    fn ty(&mut self, ty: &ast::TypeExpr) -> Type {
        let arity = |checker: &mut Checker, wanted: usize, example: &str| {
            if ty.args.len() == wanted {
                true
            } else {
                checker.error(
                    ty.span,
                    format!(
                        "`{}` takes {wanted} type argument(s): `{example}`",
                        ty.name.name
                    ),
                );
                false
            }
        };
        match ty.name.name.as_str() {
            "int" | "float" | "bool" | "str" if !ty.args.is_empty() => {
                self.error(
                    ty.span,
                    format!("`{}` takes no type arguments", ty.name.name),
                );
                Type::Error
            }
            "int" => Type::Int,
            "float" => Type::Float,
            "bool" => Type::Bool,
            "str" => Type::Str,
            "list" => match arity(self, 1, "list[int]") {
                true => Type::List(Box::new(self.ty(&ty.args[0]))),
                false => Type::Error,
            },
            "option" => match arity(self, 1, "option[int]") {
                true => Type::Option(Box::new(self.ty(&ty.args[0]))),
                false => Type::Error,
            },
            "map" => {
                if !arity(self, 2, "map[str, int]") {
                    return Type::Error;
                }
                let key = self.ty(&ty.args[0]);
                if !key.agrees(&Type::Str) {
                    self.error(
                        ty.args[0].span,
                        format!("map keys are `str`: write `map[str, ..]`, not `map[{key}, ..]`"),
                    );
                }
                Type::Map(Box::new(self.ty(&ty.args[1])))
            }
            name => match self.record_index.get(name) {
                Some(&index) if ty.args.is_empty() => Type::Record(index, name.to_owned()),
                Some(_) => {
                    self.error(
                        ty.span,
                        format!("the record `{name}` takes no type arguments"),
                    );
                    Type::Error
                }
                None => {
                    let mut known: Vec<&str> =
                        vec!["int", "float", "bool", "str", "list", "map", "option"];
                    known.extend(self.record_index.keys().map(String::as_str));
                    let hint = did_you_mean(name, known.iter().copied());
                    self.error(
                        ty.name.span,
                        format!(
                            "unknown type `{name}`{hint}: the types are `int`, `float`, `bool`, \
                             `str`, `list[T]`, `map[str, T]`, `option[T]` and the module's records"
                        ),
                    );
                    Type::Error
                }
            },
        }
    }

    // ─── bodies ──────────────────────────────────────────────────────────────────────

    fn check_consts(&mut self, module: &ast::Module) -> Vec<ConstDef> {
        let mut defs = Vec::new();
        for item in &module.items {
            let ast::Item::Const(constant) = item else {
                continue;
            };
            let ty = self.consts[defs.len()].1.clone();
            if !matches!(
                ty,
                Type::Int | Type::Float | Type::Bool | Type::Str | Type::Error
            ) {
                self.error(
                    constant.ty.span,
                    format!(
                        "a constant is an `int`, a `float`, a `bool` or a `str`, not `{ty}`: \
                         build lists, maps and records in a function"
                    ),
                );
            }
            // A constant sees the constants before it only: no cycles.
            let mut body = Body::new(self, None);
            body.visible_consts = defs.len();
            let value = body.expr(&constant.value, Some(&ty));
            body.expect_type(&value, &ty, constant.value.span);
            body.finish();
            defs.push(ConstDef {
                name: constant.name.name.clone(),
                public: constant.public,
                docs: constant.docs.clone(),
                ty,
                value,
                span: constant.span,
            });
        }
        defs
    }

    fn check_functions(&mut self, module: &ast::Module) -> Vec<FunctionDef> {
        let mut defs = Vec::new();
        for item in &module.items {
            let ast::Item::Function(function) = item else {
                continue;
            };
            let signature = self.signatures[defs.len()].clone();
            let mut body = Body::new(self, Some(signature.ret.clone()));
            body.visible_consts = usize::MAX;
            body.scopes.push(Vec::new());
            for (param, (name, ty)) in function.params.iter().zip(&signature.params) {
                body.bind(name, ty.clone(), false, param.name.span);
            }
            let block = body.block(&function.body, Some(&signature.ret));
            if signature.ret != Type::Unit
                && block.tail.is_none()
                && !function.body.recovered
                && !always_returns(&function.body)
            {
                let span = function.body.span;
                body.checker.error(
                    span,
                    format!(
                        "`{}` must return `{}`, but its body can end without a value: end it \
                         with the value (no `;`) or a `return`",
                        signature.name, signature.ret
                    ),
                );
            } else if let Some(tail) = &block.tail {
                body.expect_type(tail, &signature.ret, tail.span);
            }
            body.scopes.pop();
            let locals = body.finish();
            defs.push(FunctionDef {
                signature,
                public: function.public,
                locals,
                body: block,
            });
        }
        defs
    }
}

/// Whether a block returns on every path: a `return` among its statements, or a tail that
/// is an `if`/`else` or a `match` whose every branch returns.
fn always_returns(block: &ast::Block) -> bool {
    let returns = |stmt: &ast::Stmt| match stmt {
        ast::Stmt::Return { .. } => true,
        ast::Stmt::Expr(expr) => expr_returns(expr),
        _ => false,
    };
    block.stmts.iter().any(returns) || block.tail.as_deref().is_some_and(expr_returns)
}

fn expr_returns(expr: &ast::Expr) -> bool {
    match &expr.kind {
        ast::ExprKind::If(_, then, Some(otherwise)) => {
            always_returns(then) && expr_returns(otherwise)
        }
        ast::ExprKind::Match(_, arms) => {
            !arms.is_empty() && arms.iter().all(|arm| expr_returns(&arm.value))
        }
        ast::ExprKind::Block(block) => always_returns(block),
        _ => false,
    }
}

/// Whether a type has a part no one could know: the element of an empty `[]`, the value of
/// a `none` or a `map()` that nothing gave a type.
pub fn has_unknown(ty: &Type) -> bool {
    match ty {
        Type::Error => true,
        Type::List(inner) | Type::Map(inner) | Type::Option(inner) => has_unknown(inner),
        _ => false,
    }
}

/// Gives an expression of partly unknown type the full type its context settled (`ty`),
/// down to the empty literal that had none, so that every back end knows the type of every
/// value it makes. Where the type came from a local (`let xs = [];`), the local keeps it and
/// [`unknown_types`] reports the literal.
fn refine(expr: &mut Expr, ty: &Type) {
    if !has_unknown(&expr.ty) || !expr.ty.agrees(ty) {
        return;
    }
    expr.ty = ty.clone();
    match (&mut expr.kind, ty) {
        (ExprKind::List(elements), Type::List(element)) => {
            for item in elements {
                refine(item, element);
            }
        }
        (ExprKind::If(_, then, otherwise), _) => {
            refine_block(then, ty);
            if let Some(otherwise) = otherwise {
                refine(otherwise, ty);
            }
        }
        (ExprKind::Block(block), _) => refine_block(block, ty),
        (ExprKind::Match(_, arms), _) => {
            for (_, arm) in arms {
                refine(arm, ty);
            }
        }
        (ExprKind::Builtin(Builtin::Push | Builtin::Insert, args), _) => {
            if let Some(collection) = args.first_mut() {
                refine(collection, ty);
            }
        }
        (ExprKind::Builtin(Builtin::Some, args), Type::Option(inner)) => {
            if let Some(value) = args.first_mut() {
                refine(value, inner);
            }
        }
        _ => {}
    }
}

fn refine_block(block: &mut Block, ty: &Type) {
    if let Some(tail) = &mut block.tail {
        refine(tail, ty);
        block.ty = tail.ty.clone();
    }
}

/// Reports each empty literal (`[]`, `none`, `map()`) whose type nothing settled: the
/// program would mean nothing definite, and a back end could not make the value.
fn unknown_types(function: &FunctionDef, diagnostics: &mut Vec<Diagnostic>) {
    struct Finder<'d> {
        diagnostics: &'d mut Vec<Diagnostic>,
    }
    impl Visitor for Finder<'_> {
        fn visit_expr(&mut self, expr: &Expr) {
            let literal = match &expr.kind {
                ExprKind::List(elements) if elements.is_empty() => Some("[]"),
                ExprKind::None => Some("none"),
                ExprKind::Builtin(Builtin::EmptyMap, _) => Some("map()"),
                _ => None,
            };
            if let Some(literal) = literal
                && has_unknown(&expr.ty)
            {
                self.diagnostics.push(Diagnostic::error(
                    expr.span,
                    format!(
                        "the type of this `{literal}` is not known: bind it with its type \
                         first (`let empty: {} = {literal};`) or pass it where one is expected",
                        match literal {
                            "[]" => "list[int]",
                            "none" => "option[int]",
                            _ => "map[str, int]",
                        }
                    ),
                ));
            }
            self.visit_expr_children(expr);
        }
    }
    Finder { diagnostics }.visit_function(function);
}

fn is_type_name(name: &str) -> bool {
    matches!(
        name,
        "int" | "float" | "bool" | "str" | "list" | "map" | "option"
    )
}

/// A local while its function is checked: whether it was read, for the unused warning.
struct LocalState {
    local: Local,
    span: Span,
    used: bool,
}

/// The checking of one body (a function's or a constant's value).
struct Body<'c> {
    checker: &'c mut Checker,
    ret: Option<Type>,
    locals: Vec<LocalState>,
    /// Names in scope, innermost last.
    scopes: Vec<Vec<(String, usize)>>,
    loops: usize,
    /// How many constants the body may read (those before a constant; all in functions).
    visible_consts: usize,
}

impl<'c> Body<'c> {
    fn new(checker: &'c mut Checker, ret: Option<Type>) -> Body<'c> {
        Body {
            checker,
            ret,
            locals: Vec::new(),
            scopes: Vec::new(),
            loops: 0,
            visible_consts: 0,
        }
    }

    /// The locals; a warning for each never read (unless named `_..`).
    fn finish(self) -> Vec<Local> {
        let mut locals = Vec::new();
        for state in self.locals {
            if !state.used && !state.local.name.starts_with('_') {
                self.checker.diagnostics.push(Diagnostic::warning(
                    state.span,
                    format!(
                        "`{}` is never read: remove it, or name it `_{}`",
                        state.local.name, state.local.name
                    ),
                ));
            }
            locals.push(state.local);
        }
        locals
    }

    fn bind(&mut self, name: &str, ty: Type, mutable: bool, span: Span) -> usize {
        let index = self.locals.len();
        self.locals.push(LocalState {
            local: Local {
                name: name.to_owned(),
                ty,
                mutable,
            },
            span,
            used: false,
        });
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name.to_owned(), index));
        }
        index
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(local, _)| local == name)
            .map(|(_, index)| *index)
    }

    fn expect_type(&mut self, expr: &Expr, wanted: &Type, span: Span) {
        if !expr.ty.agrees(wanted) {
            let found = expr.ty.clone();
            self.checker
                .error(span, format!("expected `{wanted}`, found `{found}`"));
        }
    }

    fn block(&mut self, block: &ast::Block, wanted: Option<&Type>) -> Block {
        self.scopes.push(Vec::new());
        let mut stmts = Vec::new();
        let mut ended: Option<Span> = None;
        let mut warned = false;
        for stmt in &block.stmts {
            if ended.is_some() && !warned {
                warned = true;
                self.checker.diagnostics.push(Diagnostic::warning(
                    stmt.span(),
                    "unreachable: the statement before always leaves the block",
                ));
            }
            if matches!(
                stmt,
                ast::Stmt::Return { .. } | ast::Stmt::Break(_) | ast::Stmt::Continue(_)
            ) {
                ended = Some(stmt.span());
            }
            stmts.push(self.stmt(stmt));
        }
        if let (Some(_), Some(tail), false) = (ended, &block.tail, warned) {
            self.checker.diagnostics.push(Diagnostic::warning(
                tail.span,
                "unreachable: the statement before always leaves the block",
            ));
        }
        let tail = block
            .tail
            .as_deref()
            .map(|tail| Box::new(self.expr(tail, wanted)));
        self.scopes.pop();
        let ty = tail.as_ref().map_or(Type::Unit, |tail| tail.ty.clone());
        Block { stmts, tail, ty }
    }

    fn stmt(&mut self, stmt: &ast::Stmt) -> Stmt {
        match stmt {
            ast::Stmt::Let {
                mutable,
                name,
                ty,
                value,
                ..
            } => {
                let declared = ty.as_ref().map(|ty| self.checker.ty(ty));
                let value = self.expr(value, declared.as_ref());
                let ty = match declared {
                    Some(declared) => {
                        self.expect_type(&value, &declared, value.span);
                        declared
                    }
                    None => {
                        if value.ty == Type::Unit {
                            self.checker
                                .error(value.span, "this gives nothing: it cannot be bound");
                        }
                        value.ty.clone()
                    }
                };
                let local = self.bind(&name.name, ty, *mutable, name.span);
                Stmt::Let { local, value }
            }
            ast::Stmt::Assign {
                target,
                op,
                value,
                span,
            } => {
                let Some(local) = self.lookup(&target.name) else {
                    self.unknown_name(target);
                    let _ = self.expr(value, None);
                    return Stmt::Expr(error_expr(*span));
                };
                let ty = self.locals[local].local.ty.clone();
                if !self.locals[local].local.mutable {
                    let declared = self.locals[local].span;
                    self.checker.diagnostics.push(
                        Diagnostic::error(
                            target.span,
                            format!(
                                "`{}` cannot be assigned: it is not `mut`; declare it `let mut {}`",
                                target.name, target.name
                            ),
                        )
                        .with_note(declared, "declared here"),
                    );
                }
                let value = self.expr(value, Some(&ty));
                if *op != AssignOp::Set
                    && !matches!(ty, Type::Int | Type::Float | Type::Str | Type::Error)
                {
                    self.checker.error(
                        *span,
                        format!("`+=` and `-=` work on `int` and `float` (and `+=` on `str`), not on `{ty}`"),
                    );
                }
                if *op == AssignOp::Sub && ty == Type::Str {
                    self.checker.error(*span, "`-=` does not work on `str`");
                }
                self.expect_type(&value, &ty, value.span);
                Stmt::Assign {
                    local,
                    op: *op,
                    value,
                    span: *span,
                }
            }
            ast::Stmt::While {
                condition, body, ..
            } => {
                let condition = self.expr(condition, Some(&Type::Bool));
                self.expect_type(&condition, &Type::Bool, condition.span);
                self.loops += 1;
                let body = self.block(body, None);
                self.loops -= 1;
                Stmt::While { condition, body }
            }
            ast::Stmt::For {
                binding,
                iterable,
                body,
                ..
            } => {
                self.scopes.push(Vec::new());
                let result = if let ast::ExprKind::Range(start, end) = &iterable.kind {
                    let start = self.expr(start, Some(&Type::Int));
                    self.expect_type(&start, &Type::Int, start.span);
                    let end = self.expr(end, Some(&Type::Int));
                    self.expect_type(&end, &Type::Int, end.span);
                    let local = self.bind(&binding.name, Type::Int, false, binding.span);
                    self.loops += 1;
                    let body = self.block(body, None);
                    self.loops -= 1;
                    Stmt::ForRange {
                        local,
                        start,
                        end,
                        body,
                    }
                } else {
                    let list = self.expr(iterable, None);
                    let element = match &list.ty {
                        Type::List(element) => (**element).clone(),
                        Type::Error => Type::Error,
                        other => {
                            let other = other.clone();
                            self.checker.error(
                                list.span,
                                format!(
                                    "`for` goes over a `list[T]` or a range `a..b`, not `{other}`"
                                ),
                            );
                            Type::Error
                        }
                    };
                    let local = self.bind(&binding.name, element, false, binding.span);
                    self.loops += 1;
                    let body = self.block(body, None);
                    self.loops -= 1;
                    Stmt::ForList { local, list, body }
                };
                self.scopes.pop();
                result
            }
            ast::Stmt::Return { value, span } => {
                let ret = self.ret.clone();
                let Some(ret) = ret else {
                    self.checker.error(*span, "`return` goes in a function");
                    return Stmt::Return(None);
                };
                let value = value.as_ref().map(|value| self.expr(value, Some(&ret)));
                match &value {
                    Some(value) => self.expect_type(value, &ret, value.span),
                    None if ret != Type::Unit => self.checker.error(
                        *span,
                        format!("this function returns `{ret}`: write `return value;`"),
                    ),
                    None => {}
                }
                Stmt::Return(value)
            }
            ast::Stmt::Break(span) | ast::Stmt::Continue(span) => {
                let word = if matches!(stmt, ast::Stmt::Break(_)) {
                    "break"
                } else {
                    "continue"
                };
                if self.loops == 0 {
                    self.checker
                        .error(*span, format!("`{word}` goes in a `while` or `for` loop"));
                }
                if word == "break" {
                    Stmt::Break
                } else {
                    Stmt::Continue
                }
            }
            ast::Stmt::Expr(expr) => Stmt::Expr(self.expr(expr, None)),
        }
    }

    fn unknown_name(&mut self, name: &ast::Ident) {
        let mut candidates: Vec<String> = self
            .scopes
            .iter()
            .flatten()
            .map(|(local, _)| local.clone())
            .collect();
        candidates.extend(self.checker.items.keys().cloned());
        let hint = did_you_mean(&name.name, candidates.iter().map(String::as_str));
        self.checker
            .error(name.span, format!("unknown name `{}`{hint}", name.name));
    }

    fn expr(&mut self, expr: &ast::Expr, wanted: Option<&Type>) -> Expr {
        let span = expr.span;
        let typed = |kind, ty| Expr { kind, ty, span };
        match &expr.kind {
            ast::ExprKind::Int(value) => typed(ExprKind::Int(*value), Type::Int),
            ast::ExprKind::Float(value) => typed(ExprKind::Float(*value), Type::Float),
            ast::ExprKind::Str(value) => typed(ExprKind::Str(value.clone()), Type::Str),
            ast::ExprKind::Bool(value) => typed(ExprKind::Bool(*value), Type::Bool),
            ast::ExprKind::None => {
                let ty = match wanted {
                    Some(Type::Option(inner)) => Type::Option(inner.clone()),
                    _ => Type::Option(Box::new(Type::Error)),
                };
                typed(ExprKind::None, ty)
            }
            ast::ExprKind::Name(name) => self.name(name),
            ast::ExprKind::Unary(op, operand) => {
                let operand = self.expr(operand, wanted);
                let ok = match op {
                    UnaryOp::Neg => matches!(operand.ty, Type::Int | Type::Float | Type::Error),
                    UnaryOp::Not => operand.ty.agrees(&Type::Bool),
                };
                if !ok {
                    let (sign, what) = match op {
                        UnaryOp::Neg => ("-", "an `int` or a `float`"),
                        UnaryOp::Not => ("!", "a `bool`"),
                    };
                    self.checker
                        .error(span, format!("`{sign}` needs {what}, not `{}`", operand.ty));
                }
                let ty = operand.ty.clone();
                typed(ExprKind::Unary(*op, Box::new(operand)), ty)
            }
            ast::ExprKind::Binary(op, left, right) => self.binary(*op, left, right, span),
            ast::ExprKind::Range(..) => {
                self.checker
                    .error(span, "a range `a..b` only goes after `for .. in`");
                error_expr(span)
            }
            ast::ExprKind::Call(name, args) => self.call(name, args, span, wanted),
            ast::ExprKind::Field(value, field) => {
                let value = self.expr(value, None);
                match &value.ty {
                    Type::Record(index, record) => {
                        let fields = &self.checker.records[*index].fields;
                        match fields.iter().position(|(name, _)| *name == field.name) {
                            Some(at) => {
                                let ty = fields[at].1.clone();
                                typed(ExprKind::Field(Box::new(value), at), ty)
                            }
                            None => {
                                let hint = did_you_mean(
                                    &field.name,
                                    fields.iter().map(|(name, _)| name.as_str()),
                                );
                                let record = record.clone();
                                self.checker.error(
                                    field.span,
                                    format!("`{record}` has no field `{}`{hint}", field.name),
                                );
                                error_expr(span)
                            }
                        }
                    }
                    Type::Error => error_expr(span),
                    other => {
                        let other = other.clone();
                        self.checker.error(
                            field.span,
                            format!("`{other}` has no fields: only records do"),
                        );
                        error_expr(span)
                    }
                }
            }
            ast::ExprKind::Index(value, index) => {
                let value = self.expr(value, None);
                let (key, element) = match &value.ty {
                    Type::List(element) => (Type::Int, (**element).clone()),
                    Type::Map(element) => (Type::Str, (**element).clone()),
                    Type::Error => (Type::Error, Type::Error),
                    other => {
                        let other = other.clone();
                        self.checker.error(
                            value.span,
                            format!("only a `list` (by `int`) or a `map` (by `str`) can be indexed, not `{other}`"),
                        );
                        (Type::Error, Type::Error)
                    }
                };
                let index = self.expr(index, Some(&key));
                self.expect_type(&index, &key, index.span);
                typed(ExprKind::Index(Box::new(value), Box::new(index)), element)
            }
            ast::ExprKind::List(elements) => {
                let wanted_element = match wanted {
                    Some(Type::List(element)) => Some((**element).clone()),
                    _ => None,
                };
                let mut typed_elements = Vec::new();
                let mut element_ty = wanted_element.clone();
                for element in elements {
                    let element = self.expr(element, element_ty.as_ref());
                    match &element_ty {
                        Some(ty) => self.expect_type(&element, ty, element.span),
                        None => element_ty = Some(element.ty.clone()),
                    }
                    typed_elements.push(element);
                }
                let mut element_ty = element_ty.unwrap_or(Type::Error);
                // `[[], [1]]`: the elements whose type is partly unknown take the type of
                // one that is fully known.
                if has_unknown(&element_ty)
                    && let Some(known) = typed_elements
                        .iter()
                        .map(|element| element.ty.clone())
                        .find(|ty| !has_unknown(ty) && ty.agrees(&element_ty))
                {
                    for element in &mut typed_elements {
                        refine(element, &known);
                    }
                    element_ty = known;
                }
                typed(
                    ExprKind::List(typed_elements),
                    Type::List(Box::new(element_ty)),
                )
            }
            ast::ExprKind::Record(name, fields) => self.record(name, fields, span),
            ast::ExprKind::If(condition, then, otherwise) => {
                let condition = self.expr(condition, Some(&Type::Bool));
                self.expect_type(&condition, &Type::Bool, condition.span);
                let mut then = self.block(then, wanted);
                let mut otherwise = otherwise
                    .as_deref()
                    .map(|otherwise| Box::new(self.expr(otherwise, wanted)));
                // `if c { [1] } else { [] }`: a branch of partly unknown type takes the
                // other's.
                if let Some(otherwise) = &mut otherwise {
                    if has_unknown(&then.ty) && !has_unknown(&otherwise.ty) {
                        refine_block(&mut then, &otherwise.ty);
                    } else if has_unknown(&otherwise.ty) && !has_unknown(&then.ty) {
                        refine(otherwise, &then.ty);
                    }
                }
                let ty = match &otherwise {
                    Some(otherwise) => {
                        if !otherwise.ty.agrees(&then.ty) {
                            self.checker.error(
                                otherwise.span,
                                format!(
                                    "the branches of `if` give different types: `{}` and `{}`",
                                    then.ty, otherwise.ty
                                ),
                            );
                        }
                        then.ty.clone()
                    }
                    None => Type::Unit,
                };
                typed(ExprKind::If(Box::new(condition), then, otherwise), ty)
            }
            ast::ExprKind::Match(value, arms) => self.match_expr(value, arms, span, wanted),
            ast::ExprKind::Block(block) => {
                let block = self.block(block, wanted);
                let ty = block.ty.clone();
                typed(ExprKind::Block(block), ty)
            }
            ast::ExprKind::Error => error_expr(span),
        }
    }

    fn name(&mut self, name: &ast::Ident) -> Expr {
        let span = name.span;
        if let Some(local) = self.lookup(&name.name) {
            self.locals[local].used = true;
            let ty = self.locals[local].local.ty.clone();
            return Expr {
                kind: ExprKind::Local(local),
                ty,
                span,
            };
        }
        match self.checker.items.get(&name.name).map(|(item, _)| *item) {
            Some(ItemRef::Const(index)) if index < self.visible_consts => Expr {
                kind: ExprKind::Const(index),
                ty: self.checker.consts[index].1.clone(),
                span,
            },
            Some(ItemRef::Const(_)) => {
                self.checker.error(
                    span,
                    format!("`{}` is defined after this constant: a constant reads only those before it", name.name),
                );
                error_expr(span)
            }
            Some(ItemRef::Function(_) | ItemRef::Host(_)) => {
                self.checker.error(
                    span,
                    format!(
                        "`{0}` is a function: call it, `{0}(..)`; functions are not values",
                        name.name
                    ),
                );
                error_expr(span)
            }
            Some(ItemRef::Record) => {
                self.checker.error(
                    span,
                    format!(
                        "`{0}` is a record type: build one with `{0} {{ field: value, .. }}`",
                        name.name
                    ),
                );
                error_expr(span)
            }
            None => {
                self.unknown_name(name);
                error_expr(span)
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, left: &ast::Expr, right: &ast::Expr, span: Span) -> Expr {
        let mut left = self.expr(left, None);
        let mut right = self.expr(right, Some(&left.ty));
        // `none == some(1)`: the side of partly unknown type takes the other's.
        if has_unknown(&left.ty) && !has_unknown(&right.ty) {
            refine(&mut left, &right.ty);
        } else if has_unknown(&right.ty) && !has_unknown(&left.ty) {
            refine(&mut right, &left.ty);
        }
        let (l, r) = (left.ty.clone(), right.ty.clone());
        let both = |ty: &Type| l.agrees(ty) && r.agrees(ty);
        let ty = match op {
            BinaryOp::And | BinaryOp::Or => {
                if !both(&Type::Bool) {
                    self.checker.error(
                        span,
                        format!("`{}` needs two `bool`s, not `{l}` and `{r}`", op.text()),
                    );
                }
                Type::Bool
            }
            BinaryOp::Eq | BinaryOp::NotEq => {
                if !l.agrees(&r) {
                    self.checker.error(
                        span,
                        format!(
                            "`{}` compares values of one type, not `{l}` and `{r}`",
                            op.text()
                        ),
                    );
                }
                Type::Bool
            }
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                if !(both(&Type::Int) || both(&Type::Float) || both(&Type::Str)) {
                    self.checker.error(
                        span,
                        format!("`{}` orders two `int`s, two `float`s or two `str`s, not `{l}` and `{r}`", op.text()),
                    );
                }
                Type::Bool
            }
            BinaryOp::Add if both(&Type::Str) && l != Type::Error => Type::Str,
            _ => {
                if both(&Type::Int) {
                    if l == Type::Error {
                        r.clone()
                    } else {
                        l.clone()
                    }
                } else if both(&Type::Float) {
                    Type::Float
                } else {
                    let convert = if (l == Type::Int && r == Type::Float)
                        || (l == Type::Float && r == Type::Int)
                    {
                        ": convert one side with `to_float(..)` or `to_int(..)`"
                    } else {
                        ""
                    };
                    self.checker.error(
                        span,
                        format!(
                            "`{}` needs two `int`s or two `float`s{}, not `{l}` and `{r}`{convert}",
                            op.text(),
                            if op == BinaryOp::Add {
                                " (or two `str`s)"
                            } else {
                                ""
                            }
                        ),
                    );
                    Type::Error
                }
            }
        };
        Expr {
            kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
            ty,
            span,
        }
    }

    fn call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
        wanted: Option<&Type>,
    ) -> Expr {
        let item = self.checker.items.get(&name.name).map(|(item, _)| *item);
        let (signature, kind): (Option<Signature>, Option<ItemRef>) = match item {
            Some(ItemRef::Function(index)) => (Some(self.checker.signatures[index].clone()), item),
            Some(ItemRef::Host(index)) => (Some(self.checker.host[index].clone()), item),
            Some(_) => {
                self.checker
                    .error(name.span, format!("`{}` is not a function", name.name));
                (None, None)
            }
            None => (None, None),
        };
        if let (Some(signature), Some(kind)) = (signature, kind) {
            if args.len() != signature.params.len() {
                self.checker.error(
                    span,
                    format!(
                        "`{}` takes {} argument(s), {} given",
                        signature.name,
                        signature.params.len(),
                        args.len()
                    ),
                );
            }
            let typed_args: Vec<Expr> = args
                .iter()
                .enumerate()
                .map(|(at, arg)| {
                    let wanted = signature.params.get(at).map(|(_, ty)| ty.clone());
                    let arg = self.expr(arg, wanted.as_ref());
                    if let Some(wanted) = wanted {
                        self.expect_type(&arg, &wanted, arg.span);
                    }
                    arg
                })
                .collect();
            let kind = match kind {
                ItemRef::Host(index) => ExprKind::Host(index, typed_args),
                ItemRef::Function(index) => ExprKind::Call(index, typed_args),
                _ => ExprKind::Error,
            };
            return Expr {
                kind,
                ty: signature.ret,
                span,
            };
        }
        if item.is_some() {
            return error_expr(span);
        }
        match Builtin::from_name(&name.name) {
            Some(builtin) => self.builtin(builtin, name, args, span, wanted),
            None => {
                let mut candidates: Vec<&str> =
                    Builtin::ALL.iter().map(|builtin| builtin.name()).collect();
                let functions: Vec<String> = self
                    .checker
                    .signatures
                    .iter()
                    .chain(&self.checker.host)
                    .map(|s| s.name.clone())
                    .collect();
                candidates.extend(functions.iter().map(String::as_str));
                let hint = did_you_mean(&name.name, candidates);
                self.checker
                    .error(name.span, format!("unknown function `{}`{hint}", name.name));
                for arg in args {
                    let _ = self.expr(arg, None);
                }
                error_expr(span)
            }
        }
    }

    fn builtin(
        &mut self,
        builtin: Builtin,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
        wanted: Option<&Type>,
    ) -> Expr {
        // Each argument is checked knowing the type the others give it, so that `none` and
        // `[]` get their full type (`push(xs, none)` with `xs: list[option[int]]`): every
        // back end needs the types of values it makes.
        let mut typed_args: Vec<Expr> = Vec::with_capacity(args.len());
        for (at, arg) in args.iter().enumerate() {
            let first = typed_args.first().map(|first| &first.ty);
            let expected = match (builtin, at, first) {
                (Builtin::Push | Builtin::Contains, 1, Some(Type::List(element))) => {
                    Some((**element).clone())
                }
                (Builtin::Insert, 2, Some(Type::Map(value))) => Some((**value).clone()),
                (Builtin::Push | Builtin::Insert, 0, _) => wanted.cloned(),
                (Builtin::Some, 0, _) => match wanted {
                    Some(Type::Option(inner)) => Some((**inner).clone()),
                    _ => None,
                },
                _ => None,
            };
            let typed = self.expr(arg, expected.as_ref());
            typed_args.push(typed);
        }
        // `push([], 1)`, `insert(map(), "a", 1)`, `contains([], 1)`: the collection of
        // partly unknown type takes the type the value gives it.
        if let [collection, .., value] = typed_args.as_mut_slice()
            && has_unknown(&collection.ty)
            && !has_unknown(&value.ty)
        {
            let full = match (builtin, &collection.ty) {
                (Builtin::Push | Builtin::Contains, Type::List(_)) => {
                    Some(Type::List(Box::new(value.ty.clone())))
                }
                (Builtin::Insert, Type::Map(_)) => Some(Type::Map(Box::new(value.ty.clone()))),
                _ => None,
            };
            if let Some(full) = full
                && full.agrees(&collection.ty)
            {
                refine(collection, &full);
            }
        }
        let types: Vec<Type> = typed_args.iter().map(|arg| arg.ty.clone()).collect();
        let any_error = types.contains(&Type::Error);
        let result: Result<Type, &str> = match (builtin, types.as_slice()) {
            (Builtin::Len, [Type::List(_) | Type::Str | Type::Map(_)]) => Ok(Type::Int),
            (Builtin::Len, _) => Err("`len(list | str | map)`"),
            (Builtin::Min | Builtin::Max, [a, b])
                if a == b && matches!(a, Type::Int | Type::Float) =>
            {
                Ok(a.clone())
            }
            (Builtin::Min | Builtin::Max, _) => Err("two `int`s or two `float`s"),
            (Builtin::Abs, [a]) if matches!(a, Type::Int | Type::Float) => Ok(a.clone()),
            (Builtin::Abs, _) => Err("`abs(int | float)`"),
            (Builtin::Round, [Type::Float]) => Ok(Type::Float),
            (Builtin::Round, _) => Err("`round(float)`"),
            (Builtin::ToInt, [Type::Float]) => Ok(Type::Int),
            (Builtin::ToInt, _) => Err("`to_int(float)`"),
            (Builtin::ToFloat, [Type::Int]) => Ok(Type::Float),
            (Builtin::ToFloat, _) => Err("`to_float(int)`"),
            (Builtin::ToStr, [Type::Int | Type::Float | Type::Bool | Type::Str]) => Ok(Type::Str),
            (Builtin::ToStr, _) => Err("`to_str(int | float | bool | str)`"),
            (Builtin::Contains, [Type::List(element), value]) if element.agrees(value) => {
                Ok(Type::Bool)
            }
            (Builtin::Contains, [Type::Str, Type::Str] | [Type::Map(_), Type::Str]) => {
                Ok(Type::Bool)
            }
            (Builtin::Contains, _) => {
                Err("`contains(list[T], T)`, `contains(str, str)` or `contains(map[str, T], str)`")
            }
            (Builtin::Push, [Type::List(element), value]) if element.agrees(value) => {
                Ok(Type::List(element.clone()))
            }
            (Builtin::Push, _) => Err("`push(list[T], T)`"),
            (Builtin::Keys, [Type::Map(_)]) => Ok(Type::List(Box::new(Type::Str))),
            (Builtin::Keys, _) => Err("`keys(map[str, T])`"),
            (Builtin::Get, [Type::Map(value), Type::Str] | [Type::List(value), Type::Int]) => {
                Ok(Type::Option(value.clone()))
            }
            (Builtin::Get, _) => Err("`get(map[str, T], str)` or `get(list[T], int)`"),
            (Builtin::Insert, [Type::Map(value), Type::Str, new]) if value.agrees(new) => {
                Ok(Type::Map(value.clone()))
            }
            (Builtin::Insert, _) => Err("`insert(map[str, T], str, T)`"),
            (Builtin::Some, [value]) => Ok(Type::Option(Box::new(value.clone()))),
            (Builtin::Some, _) => Err("`some(value)`"),
            (Builtin::EmptyMap, []) => Ok(match wanted {
                Some(Type::Map(value)) => Type::Map(value.clone()),
                _ => Type::Map(Box::new(Type::Error)),
            }),
            (Builtin::EmptyMap, _) => Err("no arguments: `map()`"),
        };
        let ty = match result {
            Ok(ty) => ty,
            Err(_) if any_error => Type::Error,
            Err(usage) => {
                let given: Vec<String> = types.iter().map(|ty| format!("`{ty}`")).collect();
                self.checker.error(
                    span,
                    format!(
                        "`{}` takes {usage}; given ({})",
                        name.name,
                        given.join(", ")
                    ),
                );
                Type::Error
            }
        };
        let ty = match (&ty, wanted) {
            // `push([], x)` and friends: an empty list's element type comes from the context.
            (Type::Option(inner), Some(Type::Option(wanted))) if **inner == Type::Error => {
                Type::Option(wanted.clone())
            }
            _ => ty,
        };
        Expr {
            kind: ExprKind::Builtin(builtin, typed_args),
            ty,
            span,
        }
    }

    fn record(
        &mut self,
        name: &ast::Ident,
        fields: &[(ast::Ident, ast::Expr)],
        span: Span,
    ) -> Expr {
        let Some(&index) = self.checker.record_index.get(&name.name) else {
            let hint = did_you_mean(
                &name.name,
                self.checker.record_index.keys().map(String::as_str),
            );
            self.checker
                .error(name.span, format!("unknown record `{}`{hint}", name.name));
            for (_, value) in fields {
                let _ = self.expr(value, None);
            }
            return error_expr(span);
        };
        let declared = self.checker.records[index].fields.clone();
        let mut values: Vec<Option<Expr>> = vec![None; declared.len()];
        for (field, value) in fields {
            match declared
                .iter()
                .position(|(declared, _)| *declared == field.name)
            {
                Some(at) => {
                    let ty = declared[at].1.clone();
                    let value = self.expr(value, Some(&ty));
                    self.expect_type(&value, &ty, value.span);
                    if values[at].is_some() {
                        self.checker.error(
                            field.span,
                            format!("the field `{}` is given twice", field.name),
                        );
                    }
                    values[at] = Some(value);
                }
                None => {
                    let hint =
                        did_you_mean(&field.name, declared.iter().map(|(name, _)| name.as_str()));
                    self.checker.error(
                        field.span,
                        format!("`{}` has no field `{}`{hint}", name.name, field.name),
                    );
                    let _ = self.expr(value, None);
                }
            }
        }
        let missing: Vec<String> = declared
            .iter()
            .zip(&values)
            .filter(|(_, value)| value.is_none())
            .map(|((name, _), _)| format!("`{name}`"))
            .collect();
        if !missing.is_empty() {
            self.checker.error(
                span,
                format!(
                    "`{}` needs every field: {} missing",
                    name.name,
                    missing.join(", ")
                ),
            );
            return error_expr(span);
        }
        let values = values
            .into_iter()
            .map(|value| value.unwrap_or_else(|| error_expr(span)))
            .collect();
        Expr {
            kind: ExprKind::Record(index, values),
            ty: Type::Record(index, name.name.clone()),
            span,
        }
    }

    fn match_expr(
        &mut self,
        value: &ast::Expr,
        arms: &[ast::Arm],
        span: Span,
        wanted: Option<&Type>,
    ) -> Expr {
        let value = self.expr(value, None);
        let mut typed_arms = Vec::new();
        let mut ty: Option<Type> = None;
        let (mut wildcard, mut seen_true, mut seen_false, mut seen_none, mut seen_some) =
            (false, false, false, false, false);
        for arm in arms {
            self.scopes.push(Vec::new());
            let pattern = match (&arm.pattern, &value.ty) {
                (ast::Pattern::Wildcard(_), _) => {
                    wildcard = true;
                    Some(Pattern::Wildcard)
                }
                (ast::Pattern::Int(n, _), Type::Int | Type::Error) => Some(Pattern::Int(*n)),
                (ast::Pattern::Str(text, _), Type::Str | Type::Error) => {
                    Some(Pattern::Str(text.clone()))
                }
                (ast::Pattern::Bool(b, _), Type::Bool | Type::Error) => {
                    if *b {
                        seen_true = true
                    } else {
                        seen_false = true
                    }
                    Some(Pattern::Bool(*b))
                }
                (ast::Pattern::None(_), Type::Option(_) | Type::Error) => {
                    seen_none = true;
                    Some(Pattern::None)
                }
                (ast::Pattern::Some(binding, _), Type::Option(_) | Type::Error) => {
                    seen_some = true;
                    let inner = match &value.ty {
                        Type::Option(inner) => (**inner).clone(),
                        _ => Type::Error,
                    };
                    Some(Pattern::Some(self.bind(
                        &binding.name,
                        inner,
                        false,
                        binding.span,
                    )))
                }
                (pattern, other) => {
                    let other = other.clone();
                    self.checker.error(
                        pattern.span(),
                        format!("this pattern cannot match a `{other}`"),
                    );
                    None
                }
            };
            let arm_value = self.expr(&arm.value, wanted.or(ty.as_ref()));
            match &ty {
                Some(ty) => {
                    if !arm_value.ty.agrees(ty) {
                        let ty = ty.clone();
                        self.checker.error(
                            arm_value.span,
                            format!(
                                "the arms of `match` give different types: `{ty}` and `{}`",
                                arm_value.ty
                            ),
                        );
                    }
                }
                None => ty = Some(arm_value.ty.clone()),
            }
            self.scopes.pop();
            if let Some(pattern) = pattern {
                typed_arms.push((pattern, arm_value));
            }
        }
        let exhaustive = wildcard
            || (seen_true && seen_false)
            || (seen_none && seen_some)
            || value.ty == Type::Error;
        if !exhaustive {
            self.checker.error(
                span,
                format!("this `match` on `{}` does not cover every value: add `_ => ..` as its last arm", value.ty),
            );
        }
        Expr {
            kind: ExprKind::Match(Box::new(value), typed_arms),
            ty: ty.unwrap_or(Type::Unit),
            span,
        }
    }
}

fn error_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Error,
        ty: Type::Error,
        span,
    }
}
