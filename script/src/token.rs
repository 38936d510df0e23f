//! The one token model both kinds of source are read into: the lexer makes it from text,
//! the `script!` macro from rustc's tokens. The language's lexical grammar stays within
//! Rust's tokens, so every script that can be written in a file can be written inline.

use std::fmt;

use crate::span::Span;

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is: byte offsets in text, its index among rustc's tokens inline.
    pub span: Span,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// A name or a keyword (`fn`, `record`, `int` are all identifiers to the lexer; the
    /// parser tells them apart, as rustc's tokens do not).
    Ident(String),
    /// An integer literal's digits (without `_`), read by the parser.
    Int(String),
    /// A float literal's text (without `_`), read by the parser.
    Float(String),
    /// A string literal's value, escapes resolved.
    Str(String),
    /// A `///` doc comment's text (`#[doc = ".."]` from rustc).
    Doc(String),
    /// An operator or separator.
    Punct(Punct),
    /// An opening delimiter.
    Open(Delimiter),
    /// A closing delimiter.
    Close(Delimiter),
}

/// `(..)`, `[..]`, `{..}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// `( )`
    Paren,
    /// `[ ]`
    Bracket,
    /// `{ }`
    Brace,
}

macro_rules! puncts {
    ($( $variant:ident = $text:literal, )+) => {
        /// The operators and separators of the language, each one of Rust's.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Punct {
            $( #[doc = concat!("`", $text, "`")] $variant, )+
        }

        impl Punct {
            /// Every operator, longest first, for the lexers to match greedily.
            pub const ALL: &'static [Punct] = &[ $( Punct::$variant, )+ ];

            /// As written.
            pub fn text(self) -> &'static str {
                match self {
                    $( Punct::$variant => $text, )+
                }
            }
        }
    };
}

puncts! {
    DotDot = "..",
    Arrow = "->",
    FatArrow = "=>",
    EqEq = "==",
    NotEq = "!=",
    LessEq = "<=",
    GreaterEq = ">=",
    AndAnd = "&&",
    OrOr = "||",
    PlusEq = "+=",
    MinusEq = "-=",
    Plus = "+",
    Minus = "-",
    Star = "*",
    Slash = "/",
    Percent = "%",
    Less = "<",
    Greater = ">",
    Bang = "!",
    Eq = "=",
    Comma = ",",
    Semi = ";",
    Colon = ":",
    Dot = ".",
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Ident(name) => write!(f, "`{name}`"),
            TokenKind::Int(digits) => write!(f, "`{digits}`"),
            TokenKind::Float(text) => write!(f, "`{text}`"),
            TokenKind::Str(value) => write!(f, "{value:?}"),
            TokenKind::Doc(_) => f.write_str("a doc comment"),
            TokenKind::Punct(punct) => write!(f, "`{}`", punct.text()),
            TokenKind::Open(delimiter) => write!(f, "`{}`", delimiter.open()),
            TokenKind::Close(delimiter) => write!(f, "`{}`", delimiter.close()),
        }
    }
}

impl Delimiter {
    /// `(`, `[` or `{`.
    pub fn open(self) -> char {
        match self {
            Delimiter::Paren => '(',
            Delimiter::Bracket => '[',
            Delimiter::Brace => '{',
        }
    }

    /// `)`, `]` or `}`.
    pub fn close(self) -> char {
        match self {
            Delimiter::Paren => ')',
            Delimiter::Bracket => ']',
            Delimiter::Brace => '}',
        }
    }
}
