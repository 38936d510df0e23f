//! Checking a base URL given at run time, as `api_client!` checks the declared one at
//! compile time: a bad one is refused when the client is built, not by every request.

/// The schemes a base URL may have, as written in messages.
const SCHEMES: &[&str] = &["https://", "http://"];

/// Why `url` cannot be a base URL, if it cannot: the reason says what to write instead.
///
/// A URL that may carry a secret (credentials before `@`, a query) is not repeated in the
/// reason, which ends up in logs.
pub(crate) fn base_url_problem(url: &str) -> Option<String> {
    let example = "pass e.g. \"https://api.example.com/v1\"";
    let shown = if url.contains(['@', '?', '#']) {
        "the base URL".to_owned()
    } else {
        format!("the base URL {url:?}")
    };
    let rest = SCHEMES.iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|start| start.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    });
    let Some(rest) = rest else {
        return Some(format!(
            "{shown} must start with `https://` or `http://`; {example}"
        ));
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "{shown} contains whitespace or control characters; {example}"
        ));
    }
    if url.contains(['?', '#']) {
        return Some(format!(
            "{shown} carries a query (`?..`) or a fragment (`#..`), so every route would land \
             inside it; pass the URL up to its path, and send query parameters with `#[query]` \
             parameters or `auth = api_key(query = \"..\")`"
        ));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Some(format!(
            "{shown} carries credentials (`user:password@`), which would be printed with the \
             URL; pass it without them and give them to the builder with `basic_auth(..)` or \
             `token(..)`"
        ));
    }
    // `[::1]:8080` or `host:8080`: the host, then an optional port.
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => {
                return Some(format!(
                    "{shown} has a `[` without its `]` around an IPv6 host; {example}"
                ));
            }
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Some(format!("{shown} has no host; {example}"));
    }
    if let Some(port) = port
        && !(port.chars().all(|c| c.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p > 0))
    {
        return Some(format!(
            "{shown} has the port {port:?}, which is not a number from 1 to 65535; {example}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::base_url_problem;

    #[test]
    fn only_http_urls_up_to_their_path_are_base_urls() {
        for accepted in [
            "https://api.example.com",
            "https://api.example.com/v1/",
            "HTTP://127.0.0.1:8080",
            "http://[::1]:3000/api",
            "http://localhost",
        ] {
            assert_eq!(base_url_problem(accepted), None, "{accepted:?}");
        }
        for (refused, because) in [
            ("not a url", "must start with"),
            ("ftp://files.example.com", "must start with"),
            ("https://", "no host"),
            ("https:///path", "no host"),
            ("https://api.example.com?x=1", "query"),
            ("https://api.example.com/v1#top", "fragment"),
            ("https://api.example .com", "whitespace"),
            ("https://user:pw@api.example.com", "credentials"),
            ("http://host:http", "port"),
            ("http://host:0", "port"),
            ("http://host:70000", "port"),
            ("http://[::1/", "IPv6"),
        ] {
            let problem = base_url_problem(refused).unwrap_or_default();
            assert!(problem.contains(because), "{refused:?}: {problem:?}");
        }
    }

    #[test]
    fn a_url_that_may_hold_a_secret_is_not_repeated() {
        for secret in ["https://u:hunter2@h", "https://h/?key=hunter2"] {
            let problem = base_url_problem(secret).unwrap_or_default();
            assert!(!problem.contains("hunter2"), "{problem}");
        }
    }
}
