//! Closed sets of words users write (item kinds, passes, levels, HTTP methods): one table per
//! set maps each word to its enum variant, and every match and message is built from it, as
//! serde's `symbol.rs` does, so a word is never spelt twice.

use super::suggest::did_you_mean;

/// A table of the words of one closed set.
pub struct Keywords<T: 'static>(pub &'static [(T, &'static str)]);

impl<T: Copy + PartialEq> Keywords<T> {
    /// The variant a word names.
    pub fn find(&self, word: &str) -> Option<T> {
        self.0
            .iter()
            .find(|(_, name)| *name == word)
            .map(|(value, _)| *value)
    }

    /// The word of a variant (every variant has one; "?" would mean a table left short).
    pub fn name(&self, value: T) -> &'static str {
        self.0
            .iter()
            .find(|(known, _)| *known == value)
            .map_or("?", |(_, name)| name)
    }

    /// Every word, in the table's order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.0.iter().map(|(_, name)| *name)
    }

    /// " (did you mean `x`?)" for a word that is not in the table, or nothing.
    pub fn did_you_mean(&self, word: &str) -> String {
        did_you_mean(word, self.names())
    }
}

#[cfg(test)]
mod tests {
    use super::Keywords;

    const WORDS: Keywords<u8> = Keywords(&[(1, "one"), (2, "two")]);

    #[test]
    fn words_and_variants_map_both_ways() {
        assert_eq!(WORDS.find("two"), Some(2));
        assert_eq!(WORDS.find("three"), None);
        assert_eq!(WORDS.name(1), "one");
        assert_eq!(WORDS.did_you_mean("twoo"), " (did you mean `two`?)");
        assert_eq!(WORDS.did_you_mean("zzz"), "");
    }
}
