//! How a composition of modules resolves the names its sources share: the one planner for
//! `compose!`, which runs it at compile time on the members `#[composable]` hands over, and
//! for `DynModule::compose` at run time.
//!
//! Names are resolved per namespace, as rustc resolves them: a braced struct (a type) and a
//! function (a value) of one name never conflict, while a tuple or unit struct, which is a
//! type and a constructor, conflicts with a function. A local item of the composed module
//! takes the namespaces it lives in before any source does (inheritance).
//!
//! ```
//! use modsmith_rules::compose::{plan, ConflictPolicy, Namespaces, Source, SourceRules};
//!
//! let rules = SourceRules::default();
//! let auth = Source { name: "auth", members: vec![("User", Namespaces::TYPE), ("login", Namespaces::VALUE)], rules: &rules };
//! let billing = Source { name: "billing", members: vec![("User", Namespaces::VALUE)], rules: &rules };
//! // `struct User {}` and `fn User()` live in different namespaces: both are taken.
//! let planned = plan(&[auth, billing], &[], &ConflictPolicy::Error).unwrap();
//! assert_eq!(planned.picks.len(), 3);
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// The namespaces a name lives in: a set of [`Namespaces::TYPE`], [`Namespaces::VALUE`] and
/// [`Namespaces::MACRO`]. Two members of one name clash only where their sets meet.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Namespaces(u8);

impl Namespaces {
    /// No namespace.
    pub const NONE: Namespaces = Namespaces(0);
    /// Types, traits and modules (and a tuple or unit struct's type).
    pub const TYPE: Namespaces = Namespaces(1);
    /// Functions, constants and statics (and a tuple or unit struct's constructor).
    pub const VALUE: Namespaces = Namespaces(2);
    /// Macros.
    pub const MACRO: Namespaces = Namespaces(4);

    /// Both sets.
    #[must_use]
    pub const fn union(self, other: Namespaces) -> Namespaces {
        Namespaces(self.0 | other.0)
    }

    /// What the two sets share.
    #[must_use]
    pub const fn intersection(self, other: Namespaces) -> Namespaces {
        Namespaces(self.0 & other.0)
    }

    /// This set without `other`'s namespaces.
    #[must_use]
    pub const fn difference(self, other: Namespaces) -> Namespaces {
        Namespaces(self.0 & !other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every namespace of `other` is in this set.
    pub const fn contains(self, other: Namespaces) -> bool {
        self.0 & other.0 == other.0
    }

    /// The single namespaces of the set, in the order type, value, macro.
    pub fn iter(self) -> impl Iterator<Item = Namespaces> {
        [Namespaces::TYPE, Namespaces::VALUE, Namespaces::MACRO]
            .into_iter()
            .filter(move |single| self.contains(*single))
    }
}

impl fmt::Display for Namespaces {
    /// "type", "value and type", ..., as rustc names them in its messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self
            .iter()
            .map(|single| match single {
                Namespaces::TYPE => "type",
                Namespaces::VALUE => "value",
                _ => "macro",
            })
            .collect();
        match names.as_slice() {
            [] => f.write_str("no"),
            [one] => f.write_str(one),
            [first @ .., last] => write!(f, "{} and {last}", first.join(", ")),
        }
    }
}

impl fmt::Debug for Namespaces {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Namespaces({self})")
    }
}

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
    #[must_use]
    pub fn only<N: Into<Cow<'static, str>>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.include = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Every name but these.
    #[must_use]
    pub fn except<N: Into<Cow<'static, str>>>(
        mut self,
        names: impl IntoIterator<Item = N>,
    ) -> Self {
        self.exclude.extend(names.into_iter().map(Into::into));
        self
    }

    /// `from` appears as `to`.
    #[must_use]
    pub fn rename(
        mut self,
        from: impl Into<Cow<'static, str>>,
        to: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.renames.push((from.into(), to.into()));
        self
    }

    /// Every name the rules mention (`only`, `except`, the old name of each rename), in that
    /// order: each must be a member of the source.
    pub fn named(&self) -> impl Iterator<Item = &str> {
        self.include
            .iter()
            .flatten()
            .chain(&self.exclude)
            .chain(self.renames.iter().map(|(from, _)| from))
            .map(|name| &**name)
    }

    /// The name `member` takes in the composition, or `None` when the rules leave it out.
    pub fn apply<'m>(&'m self, member: &'m str) -> Option<&'m str> {
        let included = self
            .include
            .as_ref()
            .is_none_or(|include| include.iter().any(|name| name == member));
        if !included || self.exclude.iter().any(|name| name == member) {
            return None;
        }
        Some(
            self.renames
                .iter()
                .find(|(from, _)| from == member)
                .map_or(member, |(_, to)| &**to),
        )
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

/// One module of a composition, as the planner reads it.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// How the policy and messages name it (`prefer(name)`).
    pub name: &'a str,
    /// Its members, in order, each with the namespaces it lives in.
    pub members: Vec<(&'a str, Namespaces)>,
    /// What to take from it.
    pub rules: &'a SourceRules,
}

/// One member a composition takes: its final name, the source it comes from (an index into
/// the sources), its name there, and the namespaces it wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The name in the composed module.
    pub name: String,
    /// Which source, by position.
    pub source: usize,
    /// The name in that source.
    pub original: String,
    /// The namespaces this member provides in the composition: all of its own, unless a
    /// local item or another source won some of them.
    pub namespaces: Namespaces,
    /// Whether `namespaces` is all of the member's own (a re-export of the name takes all of
    /// them; a part of them needs a re-export that the winners of the others shadow).
    pub whole: bool,
}

/// A local item that takes namespaces of a name some sources define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Which local item, by position.
    pub local: usize,
    /// The sources whose member it overrides, in source order.
    pub sources: Vec<usize>,
    /// The namespaces where they meet.
    pub namespaces: Namespaces,
}

/// What a composition takes, by the rules and the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The members taken from sources, in source and member order.
    pub picks: Vec<Pick>,
    /// The local items that override source members.
    pub overrides: Vec<Override>,
}

/// A name that several sources define in one namespace, which the policy leaves open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The name in the composition.
    pub name: String,
    /// The namespaces where the definitions meet.
    pub namespaces: Namespaces,
    /// Each defining member: its source (by position) and its name there.
    pub definitions: Vec<(usize, String)>,
}

/// A rule that names nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An `only`, `except` or rename of the source (by position) names a member it does not
    /// have.
    NoMember {
        /// The source, by position.
        source: usize,
        /// The name the rule gives.
        name: String,
    },
    /// `prefer(name)` names no source.
    NoSuchSource {
        /// The name `prefer` gives.
        preferred: String,
    },
}

/// What [`plan`] could not resolve: every conflict and every problem, at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// Each name the policy leaves open, in the order of first definition.
    pub conflicts: Vec<Conflict>,
    /// Rules naming members their source does not have; a `prefer` of no source.
    pub problems: Vec<Problem>,
}

/// The members a composition takes, by the rules and the policy: the one resolution that
/// run-time composition and `compose!` share. `locals` are the composed module's own items,
/// which win the namespaces they live in.
///
/// # Errors
///
/// Every conflict the policy leaves open and every rule naming a member its source does not
/// have, at once.
pub fn plan(
    sources: &[Source<'_>],
    locals: &[(&str, Namespaces)],
    policy: &ConflictPolicy,
) -> Result<Planned, Unresolved> {
    let mut problems = Vec::new();
    if let ConflictPolicy::Prefer(preferred) = policy
        && !sources.iter().any(|source| source.name == preferred)
    {
        problems.push(Problem::NoSuchSource {
            preferred: preferred.to_string(),
        });
    }
    // Every candidate, in source order, with all its namespaces; trimmed below.
    let mut candidates: Vec<(Pick, Namespaces)> = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        for name in source.rules.named() {
            if !source.members.iter().any(|(member, _)| *member == name) {
                problems.push(Problem::NoMember {
                    source: index,
                    name: name.to_owned(),
                });
            }
        }
        for &(member, namespaces) in &source.members {
            if let Some(name) = source.rules.apply(member) {
                let pick = Pick {
                    name: name.to_owned(),
                    source: index,
                    original: member.to_owned(),
                    namespaces,
                    whole: true,
                };
                candidates.push((pick, namespaces));
            }
        }
    }
    // The candidates of each final name, in order of first appearance: a map, so that a
    // composition of thousands of members stays linear.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (at, (pick, _)) in candidates.iter().enumerate() {
        let group = *group_of.entry(pick.name.clone()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(at);
    }
    let mut overrides: Vec<Override> = Vec::new();
    for (local, &(name, local_namespaces)) in locals.iter().enumerate() {
        let Some(&group) = group_of.get(name) else {
            continue;
        };
        let mut overridden = Override {
            local,
            sources: Vec::new(),
            namespaces: Namespaces::NONE,
        };
        for &at in &groups[group] {
            let pick = &mut candidates[at].0;
            let lost = pick.namespaces.intersection(local_namespaces);
            if !lost.is_empty() {
                overridden.sources.push(pick.source);
                overridden.namespaces = overridden.namespaces.union(lost);
                pick.namespaces = pick.namespaces.difference(lost);
            }
        }
        if !overridden.sources.is_empty() {
            overrides.push(overridden);
        }
    }
    // Each name, namespace by namespace: one candidate keeps it, the policy picks among
    // several, or it is a conflict.
    let mut conflicts: Vec<Conflict> = Vec::new();
    for rivals in &groups {
        let mut open: Option<Conflict> = None;
        for namespace in [Namespaces::TYPE, Namespaces::VALUE, Namespaces::MACRO] {
            let holders: Vec<usize> = rivals
                .iter()
                .copied()
                .filter(|&at| candidates[at].0.namespaces.contains(namespace))
                .collect();
            if holders.len() < 2 {
                continue;
            }
            let winner = match policy {
                ConflictPolicy::First => holders.first().copied(),
                ConflictPolicy::Last => holders.last().copied(),
                ConflictPolicy::Prefer(preferred) => holders
                    .iter()
                    .copied()
                    .find(|&at| sources[candidates[at].0.source].name == preferred),
                ConflictPolicy::Error => None,
            };
            match winner {
                Some(winner) => {
                    for &loser in holders.iter().filter(|&&at| at != winner) {
                        let pick = &mut candidates[loser].0;
                        pick.namespaces = pick.namespaces.difference(namespace);
                    }
                }
                None => {
                    let conflict = open.get_or_insert_with(|| Conflict {
                        name: candidates[rivals[0]].0.name.clone(),
                        namespaces: Namespaces::NONE,
                        definitions: Vec::new(),
                    });
                    conflict.namespaces = conflict.namespaces.union(namespace);
                    for &at in &holders {
                        let definition =
                            (candidates[at].0.source, candidates[at].0.original.clone());
                        if !conflict.definitions.contains(&definition) {
                            conflict.definitions.push(definition);
                        }
                    }
                }
            }
        }
        if let Some(mut conflict) = open {
            conflict.definitions.sort_by_key(|(source, _)| *source);
            conflicts.push(conflict);
        }
    }
    if !(conflicts.is_empty() && problems.is_empty()) {
        return Err(Unresolved {
            conflicts,
            problems,
        });
    }
    let picks = candidates
        .into_iter()
        .filter(|(pick, _)| !pick.namespaces.is_empty())
        .map(|(mut pick, own)| {
            pick.whole = pick.namespaces == own;
            pick
        })
        .collect();
    Ok(Planned { picks, overrides })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(
        name: &'a str,
        members: &[(&'a str, Namespaces)],
        rules: &'a SourceRules,
    ) -> Source<'a> {
        Source {
            name,
            members: members.to_vec(),
            rules,
        }
    }

    const TYPE_AND_VALUE: Namespaces = Namespaces::TYPE.union(Namespaces::VALUE);

    #[test]
    fn a_braced_struct_and_a_function_of_one_name_are_both_taken() {
        let all = SourceRules::default();
        let planned = plan(
            &[
                source("a", &[("User", Namespaces::TYPE)], &all),
                source("b", &[("User", Namespaces::VALUE)], &all),
            ],
            &[],
            &ConflictPolicy::Error,
        )
        .unwrap();
        let taken: Vec<(usize, Namespaces, bool)> = planned
            .picks
            .iter()
            .map(|pick| (pick.source, pick.namespaces, pick.whole))
            .collect();
        assert_eq!(
            taken,
            [(0, Namespaces::TYPE, true), (1, Namespaces::VALUE, true)]
        );
    }

    #[test]
    fn a_tuple_struct_and_a_function_conflict_in_the_value_namespace_only() {
        let all = SourceRules::default();
        let sources = [
            source("a", &[("Id", TYPE_AND_VALUE)], &all),
            source("b", &[("Id", Namespaces::VALUE)], &all),
        ];
        let unresolved = plan(&sources, &[], &ConflictPolicy::Error).unwrap_err();
        assert_eq!(
            unresolved.conflicts,
            [Conflict {
                name: "Id".into(),
                namespaces: Namespaces::VALUE,
                definitions: vec![(0, "Id".into()), (1, "Id".into())],
            }]
        );
        // `last` gives the value to `b`: `a` keeps its type, a part of what it defines.
        let planned = plan(&sources, &[], &ConflictPolicy::Last).unwrap();
        let taken: Vec<(usize, Namespaces, bool)> = planned
            .picks
            .iter()
            .map(|pick| (pick.source, pick.namespaces, pick.whole))
            .collect();
        assert_eq!(
            taken,
            [(0, Namespaces::TYPE, false), (1, Namespaces::VALUE, true)]
        );
    }

    #[test]
    fn a_local_item_takes_its_namespaces_and_is_reported_as_an_override() {
        let all = SourceRules::default();
        let planned = plan(
            &[
                source(
                    "a",
                    &[("login", Namespaces::VALUE), ("S", TYPE_AND_VALUE)],
                    &all,
                ),
                source("b", &[("login", Namespaces::VALUE)], &all),
            ],
            &[
                ("login", Namespaces::VALUE),
                ("S", Namespaces::VALUE),
                ("new", Namespaces::VALUE),
            ],
            &ConflictPolicy::Error,
        )
        .unwrap();
        assert_eq!(planned.picks.len(), 1, "{planned:?}");
        assert_eq!(planned.picks[0].namespaces, Namespaces::TYPE);
        assert!(!planned.picks[0].whole);
        let overrides: Vec<(usize, Vec<usize>)> = planned
            .overrides
            .iter()
            .map(|o| (o.local, o.sources.clone()))
            .collect();
        assert_eq!(overrides, [(0, vec![0, 1]), (1, vec![0])]);
    }

    #[test]
    fn policies_choose_and_rules_rename_and_filter() {
        let rename = SourceRules::default().rename("f", "f_b").except(["g"]);
        let all = SourceRules::default();
        let sources = [
            source(
                "a",
                &[("f", Namespaces::VALUE), ("g", Namespaces::VALUE)],
                &all,
            ),
            source(
                "b",
                &[("f", Namespaces::VALUE), ("g", Namespaces::VALUE)],
                &rename,
            ),
        ];
        let planned = plan(&sources, &[], &ConflictPolicy::Error).unwrap();
        let names: Vec<(&str, usize)> = planned
            .picks
            .iter()
            .map(|pick| (pick.name.as_str(), pick.source))
            .collect();
        assert_eq!(names, [("f", 0), ("g", 0), ("f_b", 1)]);

        let all_of_both = [
            source("a", &[("f", Namespaces::VALUE)], &all),
            source("b", &[("f", Namespaces::VALUE)], &all),
        ];
        let winner = |policy| plan(&all_of_both, &[], &policy).unwrap().picks[0].source;
        assert_eq!(winner(ConflictPolicy::First), 0);
        assert_eq!(winner(ConflictPolicy::Last), 1);
        assert_eq!(winner(ConflictPolicy::Prefer("b".into())), 1);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let typo = SourceRules::default()
            .only(["lgin"])
            .rename("chrge", "bill");
        let unresolved = plan(
            &[source("a", &[("login", Namespaces::VALUE)], &typo)],
            &[],
            &ConflictPolicy::Prefer("c".into()),
        )
        .unwrap_err();
        assert_eq!(
            unresolved.problems,
            [
                Problem::NoSuchSource {
                    preferred: "c".into()
                },
                Problem::NoMember {
                    source: 0,
                    name: "lgin".into()
                },
                Problem::NoMember {
                    source: 0,
                    name: "chrge".into()
                },
            ]
        );
    }

    #[test]
    fn namespaces_read_as_rustc_names_them() {
        assert_eq!(Namespaces::TYPE.to_string(), "type");
        assert_eq!(TYPE_AND_VALUE.to_string(), "type and value");
        assert_eq!(Namespaces::NONE.to_string(), "no");
    }
}
