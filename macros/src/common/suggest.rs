//! Words in messages: did-you-mean suggestions for names darling does not read (attributes,
//! placeholders), and names listed in a sentence.

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

/// `word` quoted as code in a message.
pub fn code(word: &str) -> String {
    format!("`{word}`")
}

/// "a, b or c".
pub fn either(items: impl IntoIterator<Item = String>) -> String {
    joined(items, "or")
}

/// "a, b and c".
pub fn all_of(items: impl IntoIterator<Item = String>) -> String {
    joined(items, "and")
}

fn joined(items: impl IntoIterator<Item = String>, conjunction: &str) -> String {
    let mut items: Vec<String> = items.into_iter().collect();
    match items.pop() {
        None => String::new(),
        Some(last) if items.is_empty() => last,
        Some(last) => format!("{} {conjunction} {last}", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{all_of, closest, either};

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(closest("gett", ["get", "post", "put"]), Some("get"));
        assert_eq!(closest("pet_id", ["id", "pet_di"]), Some("pet_di"));
        assert_eq!(closest("zzz", ["get", "post"]), None);
    }

    #[test]
    fn lists_read_as_sentences() {
        let words = |words: &[&str]| {
            words
                .iter()
                .map(|word| word.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(either(words(&[])), "");
        assert_eq!(either(words(&["a"])), "a");
        assert_eq!(either(words(&["a", "b"])), "a or b");
        assert_eq!(all_of(words(&["a", "b", "c"])), "a, b and c");
    }
}
