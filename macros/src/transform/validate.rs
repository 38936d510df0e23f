//! Model → checked model: selectors checked and given each pass's defaults.

use syn::{Item, ItemMod};

use super::parse::{OptOut, Pass, PassKind, PassName};
use crate::common::errors::Errors;
use crate::common::items::{inline_items, walk};
use crate::common::members::{self, MemberKind};
use crate::common::selector::{Selector, Unmatched};
use crate::common::signature::FnSignature;
use crate::common::suggest::did_you_mean;
use crate::common::warning::Warnings;

/// The kinds `on = ".."` can name, in the order messages list them; `all` means every kind
/// the pass applies to.
const SELECTABLE: &[MemberKind] = &[
    MemberKind::Fn,
    MemberKind::Struct,
    MemberKind::Enum,
    MemberKind::Trait,
    MemberKind::Impl,
    MemberKind::Const,
    MemberKind::Static,
    MemberKind::Type,
    MemberKind::Mod,
];
const ALL: &str = "all";

pub struct CheckedPass {
    pub pass: Pass,
    /// The item kinds selected.
    pub kinds: Vec<MemberKind>,
    pub selector: Selector,
}

impl CheckedPass {
    pub fn name(&self) -> PassName {
        self.pass.name
    }

    /// Whether the pass applies to a member of the module.
    pub fn selects(&self, member: &members::Member) -> bool {
        if !self.kinds.contains(&member.kind) {
            return false;
        }
        // The `instrument` pass hands its selector to `#[instrument]` on an `impl` block or
        // a trait, where it chooses methods; the block's name is not what it is about.
        if matches!(member.kind, MemberKind::Impl | MemberKind::Trait) && self.is_instrument() {
            return true;
        }
        self.selector.selects(&member.name, member.is_pub())
    }

    fn is_instrument(&self) -> bool {
        matches!(self.pass.kind, PassKind::Instrument(_))
    }
}

pub fn validate(passes: Vec<Pass>, errors: &mut Errors) -> Vec<CheckedPass> {
    passes
        .into_iter()
        .map(|pass| checked_pass(pass, errors))
        .collect()
}

fn checked_pass(pass: Pass, errors: &mut Errors) -> CheckedPass {
    let default_kinds: &[MemberKind] = match &pass.kind {
        PassKind::Derive(_) => &[MemberKind::Struct, MemberKind::Enum],
        PassKind::Instrument(_) => &[MemberKind::Fn, MemberKind::Impl, MemberKind::Trait],
        _ => SELECTABLE,
    };
    let kinds = match &pass.selector.on {
        None => default_kinds.to_vec(),
        Some(on) if on.value() == ALL => default_kinds.to_vec(),
        Some(on) => {
            match MemberKind::from_name(&on.value()).filter(|kind| SELECTABLE.contains(kind)) {
                Some(kind) if default_kinds.contains(&kind) => vec![kind],
                Some(kind) => {
                    errors.spanned(
                        on,
                        format!(
                            "`{}` cannot apply to `{}` items; it applies to {}",
                            pass.name.name(),
                            kind.name(),
                            names(default_kinds).join(", ")
                        ),
                    );
                    // A pass that cannot apply here applies nowhere, not by default.
                    Vec::new()
                }
                None => {
                    let mut known = names(SELECTABLE);
                    known.push(ALL);
                    errors.spanned(
                        on,
                        format!(
                            "`on = {:?}` is not an item kind{}; write one of {}",
                            on.value(),
                            did_you_mean(&on.value(), known.iter().copied()),
                            known.join(", ")
                        ),
                    );
                    // An unknown kind: the pass applies nowhere, not by default.
                    Vec::new()
                }
            }
        }
    };
    let selector = Selector::parse(
        pass.selector.only.as_ref(),
        pass.selector.include.as_ref(),
        pass.selector.exclude.as_ref(),
        errors,
    );
    CheckedPass {
        pass,
        kinds,
        selector,
    }
}

fn names(kinds: &[MemberKind]) -> Vec<&'static str> {
    kinds.iter().map(|kind| kind.name()).collect()
}

/// Warns about an `include`/`exclude` glob that matches no item its pass could apply to,
/// anywhere in the module: such a selector has no effect, which is surely a typo.
pub fn warn_unmatched_selectors(passes: &[CheckedPass], items: &[Item], warnings: &mut Warnings) {
    let members = members::members_within(items);
    for pass in passes {
        // The `instrument` pass's globs choose the methods of `impl` blocks too.
        let instrument = pass.is_instrument();
        let names: Vec<String> = members
            .iter()
            .filter(|member| match member.kind {
                MemberKind::Method => instrument,
                MemberKind::Impl | MemberKind::Trait if instrument => false,
                kind => pass.kinds.contains(&kind),
            })
            .map(|member| member.name.clone())
            .collect();
        let among = format!("the items `{}` applies to", pass.name().name());
        let unmatched = Unmatched {
            among: &among,
            include_effect: "so the pass changes nothing",
        };
        pass.selector.warn_unmatched(&names, &unmatched, warnings);
    }
}

/// One pass to apply to one item; for `instrument`, with the plans `#[instrument]` made for
/// the item's functions.
pub struct Step {
    /// The pass's index in the pipeline.
    pub pass: usize,
    pub instrument: Option<crate::instrument::Plans>,
}

/// Chooses the passes each item of the module takes, in order, leaving out what it opted
/// out of (`opt_outs`: one per item, in `walk` order; a module's opt-out covers its
/// contents), and checks the `instrument` pass's options against the functions it chooses.
/// Returns the steps of every item, in the same order.
pub fn select(
    passes: &[CheckedPass],
    module: &ItemMod,
    opt_outs: Vec<OptOut>,
    errors: &mut Errors,
) -> Vec<Vec<Step>> {
    let mut steps = Vec::new();
    let Some(items) = inline_items(module) else {
        return steps;
    };
    let mut opt_outs = opt_outs.into_iter();
    let all: Vec<usize> = (0..passes.len()).collect();
    walk(items, &all, &mut |item, inherited: &Vec<usize>| {
        let opt_out = opt_outs.next();
        debug_assert!(opt_out.is_some(), "an item's opt-out was not read");
        let opt_out = opt_out.unwrap_or_default();
        let remaining: Vec<usize> = inherited
            .iter()
            .copied()
            .filter(|index| {
                passes
                    .get(*index)
                    .is_some_and(|pass| !opt_out.skips(pass.name()))
            })
            .collect();
        let selected: Vec<usize> = members::member(item).map_or(Vec::new(), |member| {
            remaining
                .iter()
                .copied()
                .filter(|index| passes.get(*index).is_some_and(|pass| pass.selects(&member)))
                .collect()
        });
        let mut item_steps = Vec::new();
        for (index, pass) in selected
            .into_iter()
            .filter_map(|index| Some((index, passes.get(index)?)))
        {
            let instrument = match &pass.pass.kind {
                PassKind::Instrument(options) => {
                    match instrument_plans(pass, options, item, errors) {
                        Some(plans) => Some(plans),
                        None => continue,
                    }
                }
                _ => None,
            };
            item_steps.push(Step {
                pass: index,
                instrument,
            });
        }
        steps.push(item_steps);
        remaining
    });
    debug_assert!(
        opt_outs.next().is_none(),
        "opt-outs were left without their item"
    );
    steps
}

/// `#[instrument]` as a library on one item the pass chose: `None` for a `const fn`, which
/// a module's instrumentation leaves alone (targeted alone it would be an error).
fn instrument_plans(
    pass: &CheckedPass,
    options: &crate::instrument::Options,
    item: &Item,
    errors: &mut Errors,
) -> Option<crate::instrument::Plans> {
    if let Item::Fn(function) = item
        && function.sig.constness.is_some()
    {
        return None;
    }
    // The pass's selector chooses the methods of an `impl` block; a function was chosen by
    // it already.
    let selector = match item {
        Item::Impl(_) | Item::Trait(_) => pass.selector.clone(),
        _ => Selector::default(),
    };
    let mut options = options.clone();
    // The pass is a block: its `err` applies to the functions that return a `Result`, as
    // `#[instrument]` on a module applies it.
    if let Item::Fn(function) = item
        && !FnSignature::new(&function.sig).returns_result()
    {
        options.err = None;
    }
    let block = crate::instrument::BlockOptions {
        options,
        selector,
        alone: false,
    };
    Some(crate::instrument::check(&block, item, errors, None))
}
