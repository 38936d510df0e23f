//! Closed sets of words users write (item kinds, passes, levels, HTTP methods, ...): each is
//! declared once, with [`keywords!`], as an enum and its table of words, and every match and
//! message is built from that table (as serde's `symbol.rs` is for its attributes), so a
//! message can never offer a word the parser refuses, nor forget one it accepts.

/// Declares an enum whose variants are written as words, from one table of
/// `Variant = "word"` rows; `ALL`, `name`, `from_name`, `names` and `did_you_mean` all come
/// from those rows.
macro_rules! keywords {
    (
        $(#[$meta:meta])*
        pub enum $set:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum $set {
            $( $(#[$variant_meta])* $variant, )+
        }

        #[allow(dead_code, reason = "each set uses the part of the table it needs")]
        impl $set {
            /// Every variant, in the order messages list them.
            pub const ALL: &'static [$set] = &[ $( $set::$variant, )+ ];

            /// The word as written.
            pub fn name(self) -> &'static str {
                match self {
                    $( $set::$variant => $word, )+
                }
            }

            /// The variant written as `word`.
            pub fn from_name(word: &str) -> Option<$set> {
                $set::ALL.iter().copied().find(|variant| variant.name() == word)
            }

            /// Every word, in the table's order.
            pub fn names() -> impl Iterator<Item = &'static str> + Clone {
                $set::ALL.iter().map(|variant| variant.name())
            }

            /// " (did you mean `x`?)" for a word not in the set, or nothing.
            pub fn did_you_mean(word: &str) -> String {
                $crate::common::suggest::did_you_mean(word, $set::names())
            }
        }
    };
}

pub(crate) use keywords;

#[cfg(test)]
mod tests {
    keywords! {
        pub enum Number {
            One = "one",
            Two = "two",
        }
    }

    #[test]
    fn words_and_variants_map_both_ways() {
        assert_eq!(Number::from_name("two"), Some(Number::Two));
        assert_eq!(Number::from_name("three"), None);
        assert_eq!(Number::One.name(), "one");
        assert_eq!(Number::did_you_mean("twoo"), " (did you mean `two`?)");
        assert_eq!(Number::did_you_mean("zzz"), "");
    }
}
