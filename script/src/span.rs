//! Where a token or a node is in its source.

/// A range in a source: byte offsets for a text source (a file, a string given at run
/// time); token indices for an inline script, whose tokens came from rustc (the macro keeps
/// each token's compiler span, by index). Empty spans mark the end of a source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// The first byte (or token) of the range.
    pub start: u32,
    /// One past the last.
    pub end: u32,
}

impl Span {
    /// The range from `start` to `end`.
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// From the start of this span to the end of `other`.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}
