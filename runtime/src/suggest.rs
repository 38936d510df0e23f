//! Did-you-mean suggestions for names given at run time (a function of a module, a field of
//! a model).

/// The candidate closest to `name`, if one is close enough to be a typo of it: within a
/// third of its length in Damerau–Levenshtein distance (a swap of two letters counts once),
/// and never one that shares no letter with it (`h` is not a typo of `f`).
pub(crate) fn closest<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let length = name.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .map(|candidate| (strsim::damerau_levenshtein(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit && *distance < length)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}
