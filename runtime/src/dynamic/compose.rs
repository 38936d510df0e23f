//! Composition: a module made of other modules' members, with one policy model for the
//! names they share. `compose!` applies the same model at compile time.

use std::borrow::Cow;
use std::sync::Arc;

use super::error::ComposeError;
use super::module::{DynModule, Member};
use crate::suggest::closest;

/// What to take from one module of a composition: all of it by default, or only some names,
/// or all but some, with renames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRules {
    include: Option<Vec<Cow<'static, str>>>,
    exclude: Vec<Cow<'static, str>>,
    renames: Vec<(Cow<'static, str>, Cow<'static, str>)>,
}

impl SourceRules {
    /// Only these names (before renaming).
    pub fn only<N: Into<Cow<'static, str>>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.include = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Every name but these.
    pub fn except<N: Into<Cow<'static, str>>>(
        mut self,
        names: impl IntoIterator<Item = N>,
    ) -> Self {
        self.exclude.extend(names.into_iter().map(Into::into));
        self
    }

    /// `from` appears as `to`.
    pub fn rename(
        mut self,
        from: impl Into<Cow<'static, str>>,
        to: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.renames.push((from.into(), to.into()));
        self
    }
}

/// Which module wins a name that several define.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConflictPolicy {
    /// None: the composition fails, listing every such name and its modules. The default,
    /// so that a name never changes meaning silently.
    #[default]
    Error,
    /// The first module (in the order given) that defines it.
    First,
    /// The last module that defines it.
    Last,
    /// The named module, where it defines the name; other conflicts are errors.
    Prefer(Cow<'static, str>),
}

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

/// What [`plan`] could not resolve: each conflicting name with the sources defining it, and
/// every other problem, as sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// Each conflicting name, with the sources defining it, in source order.
    pub conflicts: Vec<(String, Vec<String>)>,
    /// Rules naming members their source does not have; a `prefer` of no source.
    pub problems: Vec<String>,
}

/// One member a composition takes: its final name, the source it comes from (an index into
/// the sources) and its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The name in the composed module.
    pub name: String,
    /// Which source, by position.
    pub source: usize,
    /// The name in that source.
    pub original: String,
}

/// The members a composition takes, by the rules and the policy: the one resolution that
/// run-time composition and `compose!` share. `sources` gives each source's name, member
/// names (in order) and rules.
///
/// # Errors
///
/// Every conflict the policy leaves open, with the sources defining the name, and every
/// rule naming a member its source does not have (with the closest name), at once.
pub fn plan(
    sources: &[(&str, Vec<&str>, &SourceRules)],
    policy: &ConflictPolicy,
) -> Result<Vec<Pick>, Unresolved> {
    let mut problems = Vec::new();
    if let ConflictPolicy::Prefer(preferred) = policy
        && !sources.iter().any(|(name, _, _)| name == preferred)
    {
        let names = sources.iter().map(|(name, _, _)| *name);
        problems.push(match closest(preferred, names) {
            Some(close) => {
                format!("`prefer({preferred})` names no source; did you mean `{close}`?")
            }
            None => format!("`prefer({preferred})` names no source of this composition"),
        });
    }
    // Every candidate, in source order: (final name, source, original name).
    let mut candidates: Vec<Pick> = Vec::new();
    for (index, (source, members, rules)) in sources.iter().enumerate() {
        let listed = rules
            .include
            .iter()
            .flatten()
            .chain(&rules.exclude)
            .chain(rules.renames.iter().map(|(from, _)| from));
        for name in listed {
            if !members.contains(&&**name) {
                problems.push(match closest(name, members.iter().copied()) {
                    Some(close) => {
                        format!("`{source}` has no member `{name}`; did you mean `{close}`?")
                    }
                    None => format!("`{source}` has no member `{name}`"),
                });
            }
        }
        for member in members {
            let included = rules
                .include
                .as_ref()
                .is_none_or(|include| include.iter().any(|name| name == member));
            let excluded = rules.exclude.iter().any(|name| name == member);
            if !included || excluded {
                continue;
            }
            let name = rules
                .renames
                .iter()
                .find(|(from, _)| from == member)
                .map_or(*member, |(_, to)| &**to);
            candidates.push(Pick {
                name: name.to_owned(),
                source: index,
                original: (*member).to_owned(),
            });
        }
    }
    let mut picks: Vec<Pick> = Vec::new();
    let mut conflicts = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for candidate in &candidates {
        if seen.contains(&candidate.name.as_str()) {
            continue;
        }
        seen.push(&candidate.name);
        let rivals: Vec<&Pick> = candidates
            .iter()
            .filter(|other| other.name == candidate.name)
            .collect();
        let chosen = match (rivals.as_slice(), policy) {
            ([only], _) => Some(*only),
            (_, ConflictPolicy::First) => rivals.first().copied(),
            (_, ConflictPolicy::Last) => rivals.last().copied(),
            (_, ConflictPolicy::Prefer(preferred)) => rivals
                .iter()
                .find(|pick| sources[pick.source].0 == preferred)
                .copied(),
            (_, ConflictPolicy::Error) => None,
        };
        match chosen {
            Some(pick) => picks.push(pick.clone()),
            None => conflicts.push((
                candidate.name.clone(),
                rivals
                    .iter()
                    .map(|pick| sources[pick.source].0.to_owned())
                    .collect(),
            )),
        }
    }
    if conflicts.is_empty() && problems.is_empty() {
        Ok(picks)
    } else {
        Err(Unresolved {
            conflicts,
            problems,
        })
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
        let described: Vec<(&str, Vec<&str>, &SourceRules)> = sources
            .iter()
            .map(|source| {
                (
                    source.module.name(),
                    source.module.names().collect(),
                    &source.rules,
                )
            })
            .collect();
        let picks = plan(&described, &policy).map_err(|unresolved| {
            ComposeError::new(name.to_string(), unresolved.conflicts, unresolved.problems)
        })?;
        let members = picks
            .into_iter()
            .filter_map(|pick| {
                let module = &sources.get(pick.source)?.module;
                let member = module.get(&pick.original)?.clone();
                let member_name: Arc<str> = Arc::from(pick.name);
                let member = match member {
                    Member::Function(function) if function.name() != &*member_name => {
                        Member::Function(function.renamed(Arc::clone(&member_name)))
                    }
                    other => other,
                };
                Some((member_name, member))
            })
            .collect();
        Ok(DynModule::from_parts(name, Arc::from(""), members))
    }
}
