//! Choosing items of a module or `impl` block by name: `only = "pub"`, `include = "glob"`,
//! `exclude = "glob"`, checked once, matched the same way by every macro, and a warning for
//! a glob that matches nothing (surely a typo, since it has no effect).

use proc_macro2::Span;
use syn::LitStr;

use super::errors::Errors;
use super::suggest::{did_you_mean, listed};
use super::warning::Warnings;

/// A name pattern: `*` matches any run of characters, `?` one character.
#[derive(Clone)]
pub struct Glob {
    pattern: Vec<char>,
    text: String,
    span: Span,
}

impl Glob {
    /// Reads a glob, reporting one that uses syntax it does not support.
    pub fn parse(literal: &LitStr, errors: &mut Errors) -> Option<Glob> {
        let text = literal.value();
        if text.is_empty() || text.contains(['[', ']', '{', '}']) {
            errors.spanned(
                literal,
                format!(
                    "{text:?} is not a supported glob: use names with `*` (any run of characters) \
                     and `?` (one character), e.g. \"get_*\""
                ),
            );
            return None;
        }
        Some(Glob {
            pattern: text.chars().collect(),
            text,
            span: literal.span(),
        })
    }

    /// Whether `name` matches: a greedy match that backs up only to the last `*`, so at worst
    /// proportional to the pattern's length times the name's, never exponential: no pattern
    /// makes a macro slow.
    pub fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.chars().collect();
        let (mut at_pattern, mut at_name) = (0, 0);
        // The last `*` seen, and where in the name its run ends so far.
        let mut backtrack: Option<(usize, usize)> = None;
        while at_name < name.len() {
            match self.pattern.get(at_pattern) {
                Some('*') => {
                    backtrack = Some((at_pattern, at_name));
                    at_pattern += 1;
                }
                Some(&c) if c == '?' || name.get(at_name) == Some(&c) => {
                    at_pattern += 1;
                    at_name += 1;
                }
                _ => match backtrack {
                    Some((star, end)) => {
                        at_pattern = star + 1;
                        at_name = end + 1;
                        backtrack = Some((star, end + 1));
                    }
                    None => return false,
                },
            }
        }
        self.pattern[at_pattern.min(self.pattern.len())..]
            .iter()
            .all(|c| *c == '*')
    }
}

/// `only`, `include` and `exclude`, checked.
#[derive(Clone, Default)]
pub struct Selector {
    pub only_pub: bool,
    pub include: Option<Glob>,
    pub exclude: Option<Glob>,
    /// One of them was an error: the selector chooses nothing, so that the code generated
    /// next to the error does not apply a pass everywhere.
    pub invalid: bool,
}

/// What a selector's glob that matches nothing means, for its warning.
pub struct Unmatched<'a> {
    /// What the glob chooses among: "the functions here".
    pub among: &'a str,
    /// What an `include` that matches nothing causes: "so no function is instrumented".
    pub include_effect: &'a str,
}

impl Selector {
    /// Reads the selector's options as written, reporting every bad one.
    pub fn parse(
        only: Option<&LitStr>,
        include: Option<&LitStr>,
        exclude: Option<&LitStr>,
        errors: &mut Errors,
    ) -> Selector {
        let checkpoint = errors.checkpoint();
        let only_pub = only.is_some_and(|only| {
            let is_pub = only.value() == "pub";
            if !is_pub {
                errors.spanned(
                    only,
                    format!(
                        "`only = {:?}` is not a filter; write `only = \"pub\"`",
                        only.value()
                    ),
                );
            }
            is_pub
        });
        let include = include.and_then(|glob| Glob::parse(glob, errors));
        let exclude = exclude.and_then(|glob| Glob::parse(glob, errors));
        Selector {
            only_pub,
            include,
            exclude,
            invalid: errors.failed_since(checkpoint),
        }
    }

    /// Whether the selector keeps a member of this name (`is_pub`: see
    /// [`Member::is_pub`](super::members::Member::is_pub)).
    pub fn selects(&self, name: &str, is_pub: bool) -> bool {
        !self.invalid
            && (!self.only_pub || is_pub)
            && self.include.as_ref().is_none_or(|glob| glob.matches(name))
            && self.exclude.as_ref().is_none_or(|glob| !glob.matches(name))
    }

    /// Warns about each glob that matches none of `names` (everything it could choose
    /// among): it has no effect, which is surely a typo.
    pub fn warn_unmatched(&self, names: &[String], unmatched: &Unmatched, warnings: &mut Warnings) {
        for (option, glob, effect) in [
            ("include", &self.include, unmatched.include_effect),
            ("exclude", &self.exclude, "so it leaves nothing out"),
        ] {
            let Some(glob) = glob else { continue };
            if names.iter().any(|name| glob.matches(name)) {
                continue;
            }
            warnings.at(
                glob.span,
                format!(
                    "`{option} = {:?}` matches none of {} ({}), {effect}{}; check the pattern",
                    glob.text,
                    unmatched.among,
                    listed(names),
                    did_you_mean(&glob.text, names.iter().map(String::as_str)),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;
    use crate::common::errors::Errors;

    fn glob(text: &str) -> Glob {
        let mut errors = Errors::new();
        let glob = Glob::parse(
            &syn::LitStr::new(text, proc_macro2::Span::call_site()),
            &mut errors,
        );
        assert!(errors.finish().is_ok());
        glob.unwrap_or_else(|| panic!("{text:?} is a valid glob"))
    }

    #[test]
    fn matches_like_a_shell_glob() {
        let cases = [
            ("get_*", "get_user", true),
            ("get_*", "get_", true),
            ("get_*", "set_user", false),
            ("*_user", "get_user", true),
            ("g?t", "get", true),
            ("g?t", "gt", false),
            ("*", "", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
            (
                "*a*a*a*b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                false,
            ),
            ("exact", "exact", true),
            ("exact", "exactly", false),
            ("h?llo", "héllo", true),
            ("*", "", true),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(
                glob(pattern).matches(name),
                expected,
                "{pattern:?} ~ {name:?}"
            );
        }
    }
}
