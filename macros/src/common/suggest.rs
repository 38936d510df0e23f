//! Words in messages: did-you-mean suggestions for names darling does not read (attributes,
//! placeholders), and names listed in a sentence.

/// The candidate closest to `word`, if it is close enough to be what was meant: similar by
/// Jaro-Winkler, or one edit away (a letter added, dropped, changed, or two swapped).
///
/// Jaro-Winkler alone misses a swap in a short word (`gte` scores 0.56 against `get`), the
/// commonest typo of all; one edit is too loose for words of one or two letters.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let short = |text: &str| text.chars().count() < 3;
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let score = strsim::jaro_winkler(word, candidate);
            let one_edit =
                !short(word) && !short(candidate) && strsim::osa_distance(word, candidate) <= 1;
            (score > 0.8 || one_edit).then_some(((one_edit, score), candidate))
        })
        .max_by(|((a_edit, a_score), _), ((b_edit, b_score), _)| {
            a_edit.cmp(b_edit).then(a_score.total_cmp(b_score))
        })
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
        assert_eq!(closest("gte", ["get", "post", "put"]), Some("get"));
        assert_eq!(closest("renmae", ["rename", "style"]), Some("rename"));
        assert_eq!(closest("b", ["a", "c"]), None, "one letter is no evidence");
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
