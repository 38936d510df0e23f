//! Model + member lists → checked model: which member of which source each name of the
//! composed module is, by the rules and the policy (`modsmith_rules::compose::plan`, the
//! planner `DynModule::compose` uses at run time), with every conflict and every rule that
//! names nothing reported at once.

use std::borrow::Cow;

use modsmith_rules::compose::{
    Conflict, ConflictPolicy, Namespaces, Pick, Planned, Problem, Source, SourceRules, plan,
};
use proc_macro2::Span;
use syn::Ident;
use syn::ext::IdentExt;

use super::parse::{Input, PolicySpec, SourceSpec, path_text};
use crate::common::errors::Errors;
use crate::common::suggest::did_you_mean;
use crate::composable::list::{ListedMember, SourceList};
use crate::composable::validate::is_generated;

/// What the composed module is made of.
pub struct Composed<'a> {
    pub input: &'a Input,
    pub lists: &'a [SourceList],
    /// Each taken member, with its list entry.
    pub picks: Vec<(Pick, &'a ListedMember)>,
}

/// Checks the composition; `None` when it failed (everything pushed).
pub fn validate<'a>(
    input: &'a Input,
    lists: &'a [SourceList],
    errors: &mut Errors,
) -> Option<Composed<'a>> {
    let checkpoint = errors.checkpoint();
    // Checked by `check_input` in `compose!`'s first run, which started this one.
    let policy = policy(input, errors);
    if lists.len() != input.sources.len() || errors.failed_since(checkpoint) {
        return None;
    }
    let rules: Vec<SourceRules> = input.sources.iter().map(source_rules).collect();
    // Only `pub` members can be taken (re-exported with `pub use`).
    let names: Vec<Vec<(String, Namespaces)>> = lists
        .iter()
        .map(|list| {
            list.members
                .iter()
                .filter(|member| member.public)
                .map(|member| (member.name(), member.namespaces))
                .collect()
        })
        .collect();
    let sources: Vec<Source<'_>> = input
        .sources
        .iter()
        .zip(&names)
        .zip(&rules)
        .map(|((spec, names), rules)| Source {
            name: &spec.text,
            members: names
                .iter()
                .map(|(name, namespaces)| (name.as_str(), *namespaces))
                .collect(),
            rules,
        })
        .collect();
    for ((spec, list), source) in input.sources.iter().zip(lists).zip(&sources) {
        renames_onto_members(spec, list, source.rules, errors);
    }
    if errors.failed_since(checkpoint) {
        // A rename onto a member would also be a conflict: reported once, as a rename.
        return None;
    }
    let local_names: Vec<String> = input
        .locals
        .iter()
        .map(|local| local.ident.unraw().to_string())
        .collect();
    let locals: Vec<(&str, Namespaces)> = local_names
        .iter()
        .zip(&input.locals)
        .map(|(name, local)| (name.as_str(), local.namespaces))
        .collect();
    let planned = match plan(&sources, &locals, &policy) {
        Ok(planned) => planned,
        Err(unresolved) => {
            for problem in unresolved.problems {
                report_problem(input, lists, problem, errors);
            }
            for conflict in unresolved.conflicts {
                report_conflict(input, lists, &conflict, errors);
            }
            return None;
        }
    };
    check_overrides(input, &planned, &local_names, lists, errors);
    if errors.failed_since(checkpoint) {
        return None;
    }
    let picks = planned
        .picks
        .into_iter()
        .filter_map(|pick| {
            let listed = lists
                .get(pick.source)?
                .members
                .iter()
                .find(|member| member.public && member.name() == pick.original)?;
            Some((pick, listed))
        })
        .collect();
    Some(Composed {
        input,
        lists,
        picks,
    })
}

/// What can be checked before the sources' members are known: a module composing itself, a
/// source listed twice, a local item named like a generated one, the policy.
pub fn check_input(input: &Input, errors: &mut Errors) {
    let module = input.module.ident().map(|ident| ident.unraw().to_string());
    for (at, source) in input.sources.iter().enumerate() {
        let own = source.path.segments.len() == 1
            || (source.path.segments.len() == 2
                && source
                    .path
                    .segments
                    .first()
                    .is_some_and(|first| first.ident == "self"));
        if own
            && module.as_deref()
                == source
                    .path
                    .segments
                    .last()
                    .map(|last| last.ident.to_string())
                    .as_deref()
        {
            errors.spanned(
                &source.path,
                format!(
                    "`{}` is the module `compose!` is building: a module cannot be composed of \
                     itself; list the modules it is made of",
                    source.text
                ),
            );
        }
        if input.sources[..at]
            .iter()
            .any(|earlier| earlier.text == source.text)
        {
            errors.spanned(
                &source.path,
                format!(
                    "`{}` is listed twice: list each source once, with all its rules",
                    source.text
                ),
            );
        }
    }
    for local in &input.locals {
        let name = local.ident.unraw().to_string();
        if is_generated(&name) {
            errors.at(
                local.ident.span(),
                format!(
                    "`{name}` is a name `compose!` generates in the module (`MEMBERS`, \
                     `module()`): rename the item"
                ),
            );
        }
    }
    policy(input, errors);
}

/// The policy, with `prefer(..)` resolved to a source's path as written: `prefer(auth)`
/// names `crate::auth` by its last segment.
fn policy(input: &Input, errors: &mut Errors) -> ConflictPolicy {
    match &input.policy {
        PolicySpec::Error => ConflictPolicy::Error,
        PolicySpec::First => ConflictPolicy::First,
        PolicySpec::Last => ConflictPolicy::Last,
        PolicySpec::Prefer(path) => {
            let text = path_text(path);
            let exact = input.sources.iter().find(|source| source.text == text);
            let by_last: Vec<&SourceSpec> = input
                .sources
                .iter()
                .filter(|source| {
                    path.segments.len() == 1
                        && source
                            .path
                            .segments
                            .last()
                            .is_some_and(|last| Some(&last.ident) == path.get_ident())
                })
                .collect();
            match (exact, by_last.as_slice()) {
                (Some(source), _) | (None, &[source]) => {
                    ConflictPolicy::Prefer(Cow::Owned(source.text.clone()))
                }
                (None, []) => {
                    let names: Vec<String> = input
                        .sources
                        .iter()
                        .flat_map(|source| {
                            let last = source
                                .path
                                .segments
                                .last()
                                .map(|last| last.ident.to_string());
                            [Some(source.text.clone()), last].into_iter().flatten()
                        })
                        .collect();
                    errors.spanned(
                        path,
                        format!(
                            "`prefer({text})` names no source of this composition{}: name one \
                             of the sources listed in `#[compose(..)]`",
                            did_you_mean(&text, names.iter().map(String::as_str))
                        ),
                    );
                    ConflictPolicy::Error
                }
                (None, several) => {
                    let paths: Vec<String> = several
                        .iter()
                        .map(|source| format!("`{}`", source.text))
                        .collect();
                    errors.spanned(
                        path,
                        format!(
                            "`prefer({text})` could be {}: write the source's path as listed",
                            paths.join(" or ")
                        ),
                    );
                    ConflictPolicy::Error
                }
            }
        }
    }
}

fn source_rules(spec: &SourceSpec) -> SourceRules {
    let text = |ident: &Ident| ident.unraw().to_string();
    let mut rules = SourceRules::default();
    if let Some(only) = &spec.only {
        rules = rules.only(only.iter().map(text));
    }
    rules = rules.except(spec.except.iter().map(text));
    for (from, to) in &spec.renames {
        rules = rules.rename(text(from), text(to));
    }
    rules
}

/// A rename onto a name the source keeps: two members of one name from one source.
fn renames_onto_members(
    spec: &SourceSpec,
    list: &SourceList,
    rules: &SourceRules,
    errors: &mut Errors,
) {
    for (from, to) in &spec.renames {
        let to_name = to.unraw().to_string();
        let kept = list.members.iter().any(|member| {
            member.public
                && member.name() == to_name
                && from.unraw() != member.name()
                && rules.apply(&to_name) == Some(to_name.as_str())
        });
        if kept {
            errors.at(
                to.span(),
                format!(
                    "`rename({from} = {to})` gives `{from}` the name of another member of `{}`, \
                     `{to}`, which the composition also takes: choose a new name, or leave \
                     `{to}` out with `except({to})`",
                    spec.text
                ),
            );
        }
    }
}

fn report_problem(input: &Input, lists: &[SourceList], problem: Problem, errors: &mut Errors) {
    let Problem::NoMember { source, name } = problem else {
        // `prefer` was resolved against the sources before planning.
        return;
    };
    let (Some(spec), Some(list)) = (input.sources.get(source), lists.get(source)) else {
        return;
    };
    let written = spec
        .only
        .iter()
        .flatten()
        .chain(&spec.except)
        .chain(spec.renames.iter().map(|(from, _)| from))
        .find(|ident| ident.unraw() == name);
    let span = written.map_or_else(Span::call_site, Ident::span);
    let message = match list.members.iter().find(|member| member.name() == name) {
        Some(_) => format!(
            "`{name}` is not `pub` in `{}`: `compose!` re-exports what it takes with `pub use`, \
             so only `pub` members can be taken; make `{name}` `pub`, or leave it out",
            spec.text
        ),
        None => {
            let public: Vec<String> = list
                .members
                .iter()
                .filter(|member| member.public)
                .map(ListedMember::name)
                .collect();
            format!(
                "`{}` has no member `{name}`{}: a source's rules name its `pub` members; \
                 members that a macro inside it generates can be declared with \
                 `#[composable(extra(kind name))]`",
                spec.text,
                did_you_mean(&name, public.iter().map(String::as_str))
            )
        }
    };
    errors.at(span, message);
}

/// A conflict: once at `#[compose(..)]`, and once at each definition (which, in another
/// crate, rustc shows at the `compose!` call; the message then says where it is).
fn report_conflict(input: &Input, lists: &[SourceList], conflict: &Conflict, errors: &mut Errors) {
    let name = &conflict.name;
    let sources: Vec<String> = conflict
        .definitions
        .iter()
        .filter_map(|(source, _)| input.sources.get(*source))
        .map(|source| format!("`{}`", source.text))
        .collect();
    let module = input
        .module
        .ident()
        .map_or_else(String::new, |ident| ident.to_string());
    errors.spanned(
        &input.sources_tokens,
        format!(
            "`{name}` ({} namespace) is defined by {}: choose with `policy = first`, `last` or \
             `prefer(..)`, leave it out of a source with `except({name})`, rename it with \
             `rename({name} = ..)`, or define `{name}` in `{module}` with \
             `#[compose(override)]`",
            conflict.namespaces,
            sources.join(" and "),
        ),
    );
    let here = crate::composable::validate::crate_name();
    for (source, original) in &conflict.definitions {
        let (Some(spec), Some(list)) = (input.sources.get(*source), lists.get(*source)) else {
            continue;
        };
        let Some(member) = list
            .members
            .iter()
            .find(|member| member.public && member.name() == *original)
        else {
            continue;
        };
        let place = if list.krate == here || list.file.is_empty() {
            String::new()
        } else {
            format!(
                ", defined in crate `{}` at {}:{}:{}",
                list.krate, list.file, member.line, member.column
            )
        };
        errors.at(
            member.ident.span(),
            format!(
                "`{original}` ({} of `{}`{place}) is one of the definitions of `{name}` in \
                 `compose!` of `{module}`",
                member.kind, spec.text
            ),
        );
    }
}

/// A local item that takes a source's name must say so, and one that says so must take one.
fn check_overrides(
    input: &Input,
    planned: &Planned,
    local_names: &[String],
    lists: &[SourceList],
    errors: &mut Errors,
) {
    let module = input
        .module
        .ident()
        .map_or_else(String::new, |ident| ident.to_string());
    for (at, local) in input.locals.iter().enumerate() {
        let overridden = planned.overrides.iter().find(|found| found.local == at);
        let name = &local_names[at];
        match (overridden, &local.overrides) {
            (Some(found), None) => {
                let sources: Vec<String> = found
                    .sources
                    .iter()
                    .filter_map(|source| input.sources.get(*source))
                    .map(|source| format!("`{}`", source.text))
                    .collect();
                errors.at(
                    local.ident.span(),
                    format!(
                        "`{name}` in `{module}` takes the name of a member of {}: mark it \
                         `#[compose(override)]` to override it, or leave the source's `{name}` \
                         out with `except({name})`",
                        sources.join(" and ")
                    ),
                );
            }
            (None, Some(marker)) => {
                let candidates: Vec<String> = lists
                    .iter()
                    .flat_map(|list| &list.members)
                    .filter(|member| member.public)
                    .map(ListedMember::name)
                    .collect();
                errors.spanned(
                    marker,
                    format!(
                        "`{name}` is marked `#[compose(override)]`, but no source of `{module}` \
                         has a `{name}` in its namespace{}: fix the name, or remove the marker \
                         for an item of `{module}`'s own",
                        did_you_mean(name, candidates.iter().map(String::as_str))
                    ),
                );
            }
            _ => {}
        }
    }
}
