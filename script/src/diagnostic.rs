//! What the front end reports: errors and warnings with a span, labels and help, all of a
//! source's at once. Rendered with the source's lines for text sources (`render`); the
//! `script!` macro turns them into spanned compile errors and warnings instead.

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::span::Span;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The source is refused.
    Error,
    /// Reported; the source is accepted.
    Warning,
}

/// One finding about a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Whether it refuses the source.
    pub severity: Severity,
    /// What is wrong and what to write instead.
    pub message: String,
    /// Where.
    pub span: Span,
    /// Other places that explain it (a first definition, say).
    pub notes: Vec<(Span, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            notes: Vec::new(),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// With a note at another place.
    #[must_use]
    pub fn with_note(mut self, span: Span, note: impl Into<String>) -> Diagnostic {
        self.notes.push((span, note.into()));
        self
    }

    /// Whether it refuses the source.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of a text source rendered as rustc renders its own: the message, then
/// `file:line:col` and the source lines with the span underlined. Without colours.
pub fn render(name: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let file = SimpleFile::new(name, source);
    let config = Config::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let range = |span: Span| {
            let end = (span.end as usize).min(source.len());
            (span.start as usize).min(end)..end
        };
        let mut labels = vec![Label::primary((), range(diagnostic.span))];
        labels.extend(
            diagnostic
                .notes
                .iter()
                .map(|(span, note)| Label::secondary((), range(*span)).with_message(note)),
        );
        let rendered = Rendered::new(level)
            .with_message(&diagnostic.message)
            .with_labels(labels);
        // Writing into a `Vec` cannot fail, and the ranges are clamped to the source.
        let _ = term::emit(&mut out, &config, &file, &rendered);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Line and column (1-based, in characters) of a byte offset: for messages that name a
/// place in a text source.
pub fn line_column(source: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// Where a span is, as a line and a column (1-based): what a back end writes into the places
/// of its run-time errors. A text source locates by its bytes ([`InText`]); the `script!`
/// macro locates an inline script by its tokens' compiler spans.
pub trait Locate {
    /// The line and column of the span's start.
    fn locate(&self, span: Span) -> (u32, u32);
}

/// A text source, located by byte offsets: the lines' starts found once, so that locating
/// every instruction of a long program is a binary search each, not a scan from the top
/// ([`line_column`] is for one message).
#[derive(Clone, Debug)]
pub struct InText<'a> {
    source: &'a str,
    /// The byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> InText<'a> {
    /// Indexes the lines of `source`.
    pub fn new(source: &'a str) -> InText<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        InText { source, starts }
    }
}

impl Locate for InText<'_> {
    fn locate(&self, span: Span) -> (u32, u32) {
        let offset = (span.start as usize).min(self.source.len());
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |text| text.chars().count())
            + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_with_the_source_line() {
        let source = "module m {\n    fn f( {}\n}\n";
        let text = render(
            "rules.ms",
            source,
            &[Diagnostic::error(
                Span::new(20, 21),
                "expected a parameter name",
            )],
        );
        assert!(text.contains("error: expected a parameter name"), "{text}");
        assert!(text.contains("rules.ms:2:10"), "{text}");
        assert!(text.contains("fn f( {}"), "{text}");
    }

    #[test]
    fn indexed_lines_locate_as_the_scan_does() {
        let source = "ab\ncé d\n\nxyz";
        let indexed = InText::new(source);
        for offset in 0..=source.len() as u32 {
            if !source.is_char_boundary(offset as usize) {
                continue;
            }
            let (line, column) = line_column(source, offset);
            assert_eq!(
                indexed.locate(Span::new(offset, offset)),
                (line as u32, column as u32),
                "{offset}"
            );
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
