//! Model → checked model: selectors checked and given each pass's defaults.

use syn::Item;

use super::parse::{Pass, PassKind, PassName};
use crate::common::errors::Errors;
use crate::common::items::walk;
use crate::common::members::{self, MemberKind};
use crate::common::selector::{Selector, Unmatched};
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
        // The `instrument` pass hands its selector to `#[instrument]` on an `impl` block,
        // where it chooses methods; the block's type name is not what it is about.
        if member.kind == MemberKind::Impl && self.is_instrument() {
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
        PassKind::Instrument(_) => &[MemberKind::Fn, MemberKind::Impl],
        _ => SELECTABLE,
    };
    let kinds = match &pass.selector.on {
        None => default_kinds.to_vec(),
        Some(on) if on.value() == ALL => default_kinds.to_vec(),
        Some(on) => {
            match MemberKind::from_name(&on.value()).filter(|kind| SELECTABLE.contains(kind)) {
                Some(kind) => {
                    if !default_kinds.contains(&kind) {
                        errors.spanned(
                            on,
                            format!(
                                "`{}` cannot apply to `{}` items; it applies to {}",
                                pass.name.name(),
                                kind.name(),
                                names(default_kinds).join(", ")
                            ),
                        );
                    }
                    vec![kind]
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
                    default_kinds.to_vec()
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
    let mut members = Vec::new();
    walk(items, &(), &mut |item, _| {
        if let Some(member) = members::member(item) {
            members.push(member);
        }
        if let Item::Impl(block) = item {
            members.extend(members::methods(block));
        }
    });
    for pass in passes {
        // The `instrument` pass's globs choose the methods of `impl` blocks too.
        let instrument = pass.is_instrument();
        let names: Vec<String> = members
            .iter()
            .filter(|member| match member.kind {
                MemberKind::Method => instrument,
                MemberKind::Impl => !instrument && pass.kinds.contains(&member.kind),
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
