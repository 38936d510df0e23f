//! Facts about a checked program that back ends need: which functions can fail at run time
//! (the generated Rust returns `Result` from those only), and which reach the host.

use crate::ast::{AssignOp, BinaryOp, UnaryOp};
use crate::ir::{Builtin, Expr, ExprKind, Program, Stmt, Type, Visitor};

/// What each function of a program (by index) does, its callees' doings included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effects {
    /// Whether it can fail at run time: `int` arithmetic (overflow), division, indexing,
    /// `to_int`, `abs` of an `int`, or a call to a function that can.
    pub fallible: Vec<bool>,
    /// Whether it calls a host function, itself or through its callees.
    pub uses_host: Vec<bool>,
}

/// The effects of every function, to a fixed point over the call graph (recursion
/// included).
pub fn effects(program: &Program) -> Effects {
    let direct: Vec<Direct> = program
        .functions
        .iter()
        .map(|function| {
            let mut direct = Direct::default();
            direct.visit_function(function);
            direct
        })
        .collect();
    let mut fallible: Vec<bool> = direct.iter().map(|direct| direct.fails).collect();
    let mut uses_host: Vec<bool> = direct.iter().map(|direct| direct.host).collect();
    loop {
        let mut changed = false;
        for (at, direct) in direct.iter().enumerate() {
            let fails = direct.calls.iter().any(|callee| fallible[*callee]);
            let host = direct.calls.iter().any(|callee| uses_host[*callee]);
            if fails && !fallible[at] {
                fallible[at] = true;
                changed = true;
            }
            if host && !uses_host[at] {
                uses_host[at] = true;
                changed = true;
            }
        }
        if !changed {
            return Effects {
                fallible,
                uses_host,
            };
        }
    }
}

/// Whether evaluating the expression itself (not its operands) can fail.
pub fn can_fail(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Binary(op, left, _) => match op {
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul => left.ty == Type::Int,
            BinaryOp::Div | BinaryOp::Rem => true,
            _ => false,
        },
        ExprKind::Unary(UnaryOp::Neg, operand) => operand.ty == Type::Int,
        ExprKind::Index(..) => true,
        ExprKind::Builtin(Builtin::ToInt, _) => true,
        ExprKind::Builtin(Builtin::Abs, args) => {
            args.first().is_some_and(|arg| arg.ty == Type::Int)
        }
        _ => false,
    }
}

#[derive(Default)]
struct Direct {
    fails: bool,
    host: bool,
    calls: Vec<usize>,
}

impl Visitor for Direct {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if let Stmt::Assign { op, value, .. } = stmt
            && *op != AssignOp::Set
            && value.ty == Type::Int
        {
            self.fails = true;
        }
        crate::ir::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        self.fails |= can_fail(expr);
        match &expr.kind {
            ExprKind::Call(callee, _) => self.calls.push(*callee),
            ExprKind::Host(..) => self.host = true,
            _ => {}
        }
        self.visit_expr_children(expr);
    }
}
