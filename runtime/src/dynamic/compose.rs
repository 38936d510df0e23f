//! Composition: a module made of other modules' members, with one policy model for the
//! names they share. `compose!` applies the same model at compile time.

use std::borrow::Cow;
use std::sync::Arc;

pub use modsmith_rules::compose::{ConflictPolicy, SourceRules};
use modsmith_rules::compose::{Namespaces, Problem, plan};

use super::error::ComposeError;
use super::module::{DynModule, Member};
use crate::suggest::closest;

/// One module of a composition and what to take from it.
#[derive(Debug, Clone)]
pub struct Source {
    module: DynModule,
    rules: SourceRules,
}

impl Source {
    /// All of `module`.
    pub fn new(module: &DynModule) -> Self {
        Source {
            module: module.clone(),
            rules: SourceRules::default(),
        }
    }

    /// Only these names of it (before renaming).
    pub fn only<N: Into<Cow<'static, str>>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.rules = self.rules.only(names);
        self
    }

    /// All of it but these names.
    pub fn except<N: Into<Cow<'static, str>>>(
        mut self,
        names: impl IntoIterator<Item = N>,
    ) -> Self {
        self.rules = self.rules.except(names);
        self
    }

    /// Its member `from`, as `to`.
    pub fn rename(
        mut self,
        from: impl Into<Cow<'static, str>>,
        to: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.rules = self.rules.rename(from, to);
        self
    }
}

impl From<&DynModule> for Source {
    fn from(module: &DynModule) -> Self {
        Source::new(module)
    }
}

impl From<DynModule> for Source {
    fn from(module: DynModule) -> Self {
        Source {
            module,
            rules: SourceRules::default(),
        }
    }
}

impl DynModule {
    /// A module named `name` made of members of `sources`, by each source's rules and the
    /// conflict `policy`. Members keep their identity: a composed function is the same
    /// function, called without an extra layer. For local overrides (inheritance), extend
    /// the result: `ModuleBuilder::new("app").extend(&composed).function(..)`.
    ///
    /// ```
    /// use modsmith_runtime::dynamic::{ConflictPolicy, DynModule, ModuleBuilder, Source};
    ///
    /// let a = ModuleBuilder::new("a").function("f", || 1).function("g", || 2).build()?;
    /// let b = ModuleBuilder::new("b").function("f", || 3).build()?;
    ///
    /// let error = DynModule::compose("ab", [&a, &b], ConflictPolicy::Error).unwrap_err();
    /// assert!(error.to_string().contains("`f` is defined by `a` and `b`"));
    ///
    /// let ab = DynModule::compose("ab", [Source::new(&a), Source::new(&b).rename("f", "f_b")], ConflictPolicy::Error)?;
    /// assert_eq!(ab.names().collect::<Vec<_>>(), ["f", "g", "f_b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ComposeError`] listing every conflict left open and every rule naming a member
    /// its source does not have.
    pub fn compose<S: Into<Source>>(
        name: impl Into<Arc<str>>,
        sources: impl IntoIterator<Item = S>,
        policy: ConflictPolicy,
    ) -> Result<DynModule, ComposeError> {
        let name = name.into();
        let sources: Vec<Source> = sources.into_iter().map(Into::into).collect();
        // Every member of a `DynModule` is a value (a function, a constant or a module
        // read by name), so names meet in that one namespace.
        let described: Vec<modsmith_rules::compose::Source<'_>> = sources
            .iter()
            .map(|source| modsmith_rules::compose::Source {
                name: source.module.name(),
                members: source
                    .module
                    .names()
                    .map(|name| (name, Namespaces::VALUE))
                    .collect(),
                rules: &source.rules,
            })
            .collect();
        let planned = plan(&described, &[], &policy).map_err(|unresolved| {
            let conflicts = unresolved
                .conflicts
                .into_iter()
                .map(|conflict| {
                    let sources = conflict
                        .definitions
                        .iter()
                        .map(|(source, _)| described[*source].name.to_owned())
                        .collect();
                    (conflict.name, sources)
                })
                .collect();
            let problems = unresolved
                .problems
                .into_iter()
                .map(|problem| problem_text(&described, problem))
                .collect();
            ComposeError::new(name.to_string(), conflicts, problems)
        })?;
        let members = planned
            .picks
            .into_iter()
            .filter_map(|pick| {
                let module = &sources.get(pick.source)?.module;
                taken(module, &pick.original, Arc::from(pick.name))
            })
            .collect();
        Ok(DynModule::from_parts(name, Arc::from(""), members))
    }
}

/// The member `original` of `module`, named `name` in a composition: a function renamed keeps
/// its identity (the same closure), under its new name.
pub(crate) fn taken(
    module: &DynModule,
    original: &str,
    name: Arc<str>,
) -> Option<(Arc<str>, Member)> {
    let member = match module.get(original)?.clone() {
        Member::Function(function) if function.name() != &*name => {
            Member::Function(function.renamed(Arc::clone(&name)))
        }
        other => other,
    };
    Some((name, member))
}

/// A rule that names nothing, in words, with the closest name where one is near.
fn problem_text(sources: &[modsmith_rules::compose::Source<'_>], problem: Problem) -> String {
    match problem {
        Problem::NoSuchSource { preferred } => {
            match closest(&preferred, sources.iter().map(|source| source.name)) {
                Some(close) => {
                    format!("`prefer({preferred})` names no source; did you mean `{close}`?")
                }
                None => format!("`prefer({preferred})` names no source of this composition"),
            }
        }
        Problem::NoMember { source, name } => {
            let Some(source) = sources.get(source) else {
                return format!("no source has a member `{name}`");
            };
            let members = source.members.iter().map(|(member, _)| *member);
            match closest(&name, members) {
                Some(close) => format!(
                    "`{}` has no member `{name}`; did you mean `{close}`?",
                    source.name
                ),
                None => format!("`{}` has no member `{name}`", source.name),
            }
        }
    }
}
