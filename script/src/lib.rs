//! modsmith's small typed module language: rules that change more often than the program
//! (pricing, eligibility, routing, limits), compiled into the program by `modsmith::script!`
//! and, from text at run time, to verified bytecode run by a VM. One front end serves both
//! back ends, so they cannot disagree about what a program means.
//!
//! What is here: the lexer (text) and the token model shared with rustc's tokens, the
//! parser with error recovery, the checker into a typed IR ([`ir`], with a visitor), the
//! facts back ends need ([`analysis`]), the one implementation of the arithmetic and the
//! standard library ([`rt`]), run-time errors ([`ScriptError`]), the reference interpreter
//! ([`interp`]), and the second back end: the bytecode compiler, format and verifier
//! ([`bytecode`]: [`Script::compile`], [`Program::from_bytes`]) and the VM ([`vm`]: limits,
//! host functions, and, with the feature `dynamic`, a program as a
//! `modsmith::dynamic::DynModule`). `modsmith::script!` (feature `script`) is the native
//! back end.
//!
//! ```
//! use modsmith_script::{Script, Value};
//!
//! let program = Script::compile(
//!     "module rules { pub fn fee(grams: int) -> int { 300 + grams / 100 * 40 } }",
//! )?;
//! let reloaded = modsmith_script::Program::from_bytes(&program.to_bytes())?;
//! assert_eq!(reloaded.call("fee", &[Value::Int(1_250)])?, Value::Int(780));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The language
//!
//! ```text
//! /// Pricing rules.
//! module pricing {
//!     const VAT: float = 0.2;
//!     record Item { name: str, cents: int, qty: int }
//!     fn net(gross: float) -> float { gross / (1.0 + VAT) }
//!     pub fn total(items: list[Item], tier: str) -> int {
//!         let mut sum = 0;
//!         for item in items { sum = sum + item.cents * item.qty; }
//!         match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
//!     }
//!     host { fn now() -> int; }
//! }
//! ```
//!
//! ## Lexical grammar
//!
//! Within Rust's tokens, so that a script reads the same from a file and inline in a macro:
//! identifiers, integer literals (`1_000`), float literals (`2.5`, `1e3`), string literals
//! with Rust's escapes, `///` doc comments, `//` and `/* */` comments, and the operators
//! `+ - * / % == != < <= > >= && || ! = += -= , ; : . .. -> =>` with `( ) [ ] { }`.
//!
//! ## Syntax
//!
//! - A source is one `module name { items }`. Items: `const NAME: type = value;`,
//!   `fn name(params) -> type { body }`, `record Name { field: type, .. }`, each may be `pub`;
//!   and `host { fn name(params) -> type; .. }`, functions the embedder provides.
//! - Types: `int` (i64), `float` (f64), `bool`, `str`, `list[T]`, `map[str, T]`,
//!   `option[T]`, and records by name.
//! - Statements: `let [mut] name [: type] = value;`, `name = value;` (and `+=`, `-=`),
//!   `while condition { .. }`, `for name in list { .. }`, `for i in a..b { .. }`, `break;`,
//!   `continue;`, `return [value];`, and expressions.
//! - Expressions: literals, `none`, names, calls `f(a, b)` (functions of the module, of the
//!   standard library and of the host; there are no methods), fields `item.cents`, indexing
//!   `items[0]`, lists `[a, b]`, records `Item { name: "tea", cents: 350, qty: 1 }`, blocks,
//!   `if`/`else` and `match` as expressions, and the unary and binary operators with Rust's
//!   precedence; comparisons do not chain. As in Rust, `{` after the condition of `if`,
//!   `while`, `for` and `match` starts the block, not a record.
//! - Patterns of `match`: integer, string and boolean literals, `_`, `none`, `some(name)`.
//!
//! ## Semantics, the same for every back end
//!
//! 1. **Values.** Lists, maps and records are values: no aliasing is visible to a program
//!    (`push(xs, x)` gives a new list; `xs` is unchanged). The generated Rust passes them by
//!    reference (`&[Item]`, `&str`) and returns owned values.
//! 2. **Errors.** `int` overflow, division by zero (`int` and `float`), an index out of
//!    range, a missing map key and `to_int` of NaN or an out-of-range `float` are
//!    [`ScriptError`]s naming the script function, line and column. Resource limits (fuel,
//!    call depth, memory) belong to the VM. Natively, recursion is as deep as the thread's
//!    stack allows, then the process aborts, as any Rust recursion does.
//! 3. **Maps** iterate in key order, never in hash order.
//! 4. **One standard library**: [`rt`], called by the generated Rust, the interpreter and the
//!    VM. Integer `/` truncates toward zero and `%` takes the sign of the dividend;
//!    `round` rounds half away from zero; `len(str)` counts characters; `to_str(float)` is
//!    Rust's shortest round-trip form (`1.0`, `0.1`, `1e21`).
//! 5. **Language version**: [`LANGUAGE_VERSION`]; bytecode records the version it was
//!    compiled for, and a program of another version is refused at load. Records are
//!    `modsmith::dynamic::Value` maps of their fields in both back ends' `DynModule`s.
//! 6. **A reference interpreter** over the typed IR ([`interp`]): small and plain; the tests
//!    check the generated Rust against it on a corpus with random inputs.
//!
//! # Choices
//!
//! - **Text lexer: `logos`.** A DFA generated at build time: linear in its input whatever
//!   it is, with no hand-written state machine to get wrong. Inline scripts skip it: the
//!   macro turns rustc's tokens into the same [`Token`]s, a token index per span, so that
//!   errors point at the script's own tokens in the user's file.
//! - **Parser: hand-written recursive descent** with precedence climbing: error recovery
//!   (every error of a source in one run) and messages in the language's own words are
//!   easier by hand than through a parser generator. Nesting is bounded ([`MAX_DEPTH`]),
//!   so no input exhausts the stack.
//! - **Diagnostics: `codespan-reporting`**, without its colour support: the message, then
//!   `file:line:col` and the source line with the span underlined, as rustc shows its own
//!   ([`render`]). It depends on nothing else, unlike `miette`; `ariadne`'s output is
//!   prettier but does not follow rustc's layout, which users of a macro read all day.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod analysis;
pub mod ast;
pub mod bytecode;
pub mod check;
pub mod diagnostic;
pub mod error;
pub mod interp;
pub mod ir;
pub mod lexer;
#[cfg(feature = "dynamic")]
#[doc(hidden)]
pub mod native;
pub mod parser;
pub mod rt;
pub mod span;
mod suggest;
pub mod token;
pub mod value;
pub mod vm;

pub use bytecode::{CompileError, LoadError, Program, Script};
pub use diagnostic::{Diagnostic, InText, Locate, Severity, render};
pub use error::{ErrorKind, ScriptError};
pub use parser::MAX_DEPTH;
pub use span::Span;
pub use token::{Delimiter, Punct, Token, TokenKind};
pub use value::Value;
pub use vm::{Host, Instance, Limits, VmError};

/// The version of the language this crate reads. Raised when a program's meaning changes;
/// bytecode records it.
pub const LANGUAGE_VERSION: u32 = 1;

/// The typed program of a text source, or `None`, with every diagnostic of every stage.
pub fn check_text(source: &str) -> (Option<ir::Program>, Vec<Diagnostic>) {
    let (tokens, lexed) = lexer::lex(source);
    // Text that is not the language's tokens is reported alone: parsing around a hole
    // would add errors that only follow from it.
    if !lexed.is_empty() {
        return (None, lexed);
    }
    let (module, mut diagnostics) = parser::parse(&tokens);
    let Some(module) = module else {
        return (None, diagnostics);
    };
    let (program, checked) = check::check(&module);
    diagnostics.extend(checked);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    (if failed { None } else { program }, diagnostics)
}

/// The syntax tree of a text source and every lexical and syntax error in it.
pub fn parse_text(source: &str) -> (Option<ast::Module>, Vec<Diagnostic>) {
    let (tokens, mut diagnostics) = lexer::lex(source);
    let (module, parsed) = parser::parse(&tokens);
    diagnostics.extend(parsed);
    (module, diagnostics)
}
