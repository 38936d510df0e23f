//! Which names modsmith treats as secrets, so that their values are recorded as `"***"`:
//! the one rule for `#[instrument]` at compile time and for the runtime, so the two can
//! never disagree.
//!
//! A name is split into its words (`snake_case`, `camelCase` and `PascalCase` alike, lower
//! case compared), and it is a secret when one word is a secret word ([`SECRET_WORDS`]) or
//! two neighbouring words are a secret pair ([`SECRET_PAIRS`]). Whole words, not substrings:
//! `author`, `authority`, `tokens_count` and `secretary` are not secrets; `access_token`,
//! `privateKey` and `session_key` are.
//!
//! ```
//! use modsmith_rules::redact::is_secret_name;
//!
//! assert!(is_secret_name("access_token"));
//! assert!(is_secret_name("privateKey"));
//! assert!(!is_secret_name("author"));
//! assert!(!is_secret_name("tokens_count"));
//! ```

/// Words that make a name a secret on their own.
pub const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passwords",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "auth",
    "authorization",
    "credential",
    "credentials",
    "cookie",
    "apikey",
];

/// Neighbouring words that make a name a secret together (the second also in the plural:
/// `api_keys`).
pub const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("session", "key"),
    ("signing", "key"),
    ("encryption", "key"),
    ("access", "key"),
];

/// Whether a parameter, field or argument of this name holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let words = words(name);
    words
        .iter()
        .any(|word| SECRET_WORDS.contains(&word.as_str()))
        || words.windows(2).any(|pair| match pair {
            [first, second] => SECRET_PAIRS
                .iter()
                .any(|(a, b)| first == a && (second == b || second.strip_suffix('s') == Some(*b))),
            _ => false,
        })
}

/// The words of a name, in lower case: split at `_`, `-`, where a lower-case letter or digit
/// meets an upper-case one (`apiKey`), where an acronym ends (`HTTPToken` → `http`, `token`),
/// and between letters and digits (`token2` → `token`, `2`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (index, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' || !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let previous = index.checked_sub(1).and_then(|at| chars.get(at)).copied();
        let next = chars.get(index + 1).copied();
        let starts_word = previous.is_some_and(|previous| {
            (c.is_uppercase()
                && (previous.is_lowercase()
                    || previous.is_ascii_digit()
                    || (previous.is_uppercase() && next.is_some_and(char::is_lowercase))))
                || (c.is_ascii_digit() != previous.is_ascii_digit())
        });
        if starts_word && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{is_secret_name, words};

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("access_token"), ["access", "token"]);
        assert_eq!(words("privateKey"), ["private", "key"]);
        assert_eq!(words("HTTPToken"), ["http", "token"]);
        assert_eq!(words("api_key2"), ["api", "key", "2"]);
        assert_eq!(words("token1"), ["token", "1"]);
        assert_eq!(words("__secret__"), ["secret"]);
    }

    #[test]
    fn secrets_are_whole_words() {
        for secret in [
            "token",
            "access_token",
            "refreshToken",
            "password",
            "new_password",
            "passwd",
            "secret",
            "client_secret",
            "api_key",
            "apiKey",
            "apikey",
            "auth",
            "auth_header",
            "credential",
            "credentials",
            "private_key",
            "privateKey",
            "cookie",
            "session_key",
            "Authorization",
            "password2",
            "token1",
            "api_key2",
            "api_keys",
            "private_keys",
            "passwords",
            "secrets",
        ] {
            assert!(is_secret_name(secret), "{secret} is a secret");
        }
        for plain in [
            "author",
            "authority",
            "authors",
            "tokens_count",
            "secretary",
            "keyboard",
            "key",
            "private",
            "session_id",
            "user",
            "passage",
            "cookies_enabled",
        ] {
            assert!(!is_secret_name(plain), "{plain} is not a secret");
        }
    }
}
