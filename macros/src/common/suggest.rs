//! Did-you-mean suggestions for names darling does not read (attributes, placeholders).

/// The candidate closest to `word`, if it is close enough to be what was meant.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, candidate)| candidate)
}

/// " (did you mean `x`?)" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|candidate| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default()
}

/// Up to five names, quoted, each once: "`a`, `b`, `c` and 2 more".
pub fn listed(names: &[String]) -> String {
    let mut unique: Vec<&String> = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    if unique.is_empty() {
        return "there are none".to_owned();
    }
    let shown: Vec<String> = unique
        .iter()
        .take(5)
        .map(|name| format!("`{name}`"))
        .collect();
    match unique.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(closest("gett", ["get", "post", "put"]), Some("get"));
        assert_eq!(closest("pet_id", ["id", "pet_di"]), Some("pet_di"));
        assert_eq!(closest("zzz", ["get", "post"]), None);
    }
}
