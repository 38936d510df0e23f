//! The closed sets of words written in `api_client!`: HTTP methods, `auth` kinds and key
//! places, parameter attributes, body encodings, client attributes and options, and the names
//! the client itself takes. Each set is declared once, here, as the single source of both what
//! the parser matches and what messages list (as serde's `symbol.rs` is for its attributes),
//! so a message can never offer a word the parser refuses, nor forget one it accepts.

use crate::common::keywords::keywords;
use crate::common::suggest::code;

keywords! {
    /// An endpoint's HTTP method, written as its attribute: `#[get("/pets/{id}")]`.
    pub enum HttpMethod {
        Get = "get",
        Post = "post",
        Put = "put",
        Patch = "patch",
        Delete = "delete",
        Head = "head",
    }
}

/// What the client does differently per method.
struct MethodProperties {
    /// The variant of the runtime's `Method`.
    runtime_variant: &'static str,
    /// Retried after a failure without `#[idempotent]` (RFC 9110, 9.2.2).
    idempotent: bool,
    /// A `#[body]` parameter is allowed.
    may_carry_body: bool,
}

impl HttpMethod {
    /// One row per method. A `match` rather than a list, so that a new method does not
    /// compile until its row is written.
    #[rustfmt::skip]
    fn properties(self) -> MethodProperties {
        let (runtime_variant, idempotent, may_carry_body) = match self {
            //                    runtime    idempotent  may carry a body
            HttpMethod::Get    => ("Get",    true,       false),
            HttpMethod::Post   => ("Post",   false,      true),
            HttpMethod::Put    => ("Put",    true,       true),
            HttpMethod::Patch  => ("Patch",  false,      true),
            HttpMethod::Delete => ("Delete", true,       false),
            HttpMethod::Head   => ("Head",   true,       false),
        };
        MethodProperties {
            runtime_variant,
            idempotent,
            may_carry_body,
        }
    }

    /// The variant of the runtime's `Method` enum: `Get`.
    pub fn runtime_variant(self) -> &'static str {
        self.properties().runtime_variant
    }

    pub fn is_idempotent(self) -> bool {
        self.properties().idempotent
    }

    pub fn may_carry_body(self) -> bool {
        self.properties().may_carry_body
    }

    /// As HTTP writes it: `GET`.
    pub fn wire_name(self) -> String {
        self.name().to_ascii_uppercase()
    }

    /// The attribute with `arguments`, quoted for a message: `` `#[get(..)]` ``.
    pub fn attribute(self, arguments: &str) -> String {
        format!("`#[{}({arguments})]`", self.name())
    }
}

/// `#[idempotent]`: a POST or PATCH endpoint that is safe to retry.
pub const IDEMPOTENT: &str = "idempotent";

keywords! {
    /// What a parameter is sent as, when it is not a path placeholder.
    pub enum ParamAttribute {
        Query = "query",
        Header = "header",
        Body = "body",
    }
}

keywords! {
    /// The options of `#[query(..)]`.
    pub enum QueryOption {
        Rename = "rename",
        Style = "style",
    }
}

impl QueryOption {
    /// Its form, quoted for a message: `` `rename = "name"` ``.
    pub fn form(self) -> String {
        match self {
            QueryOption::Rename => format!("`{} = \"name\"`", self.name()),
            QueryOption::Style => format!(
                "`{} = {}`",
                self.name(),
                QueryStyle::names().collect::<Vec<_>>().join(" | ")
            ),
        }
    }
}

keywords! {
    /// How a list query parameter (`Vec<T>`, `&[T]`) is sent: OpenAPI's `form` style,
    /// exploded (`?tag=a&tag=b`, the default) or not (`?tag=a,b`).
    pub enum QueryStyle {
        Repeat = "repeat",
        Comma = "comma",
    }
}

impl QueryStyle {
    /// What a list is sent as without `style = ..`.
    pub const DEFAULT: QueryStyle = QueryStyle::Repeat;

    /// The variant of the runtime's `QueryStyle`: `Repeat`.
    pub fn runtime_variant(self) -> &'static str {
        match self {
            QueryStyle::Repeat => "Repeat",
            QueryStyle::Comma => "Comma",
        }
    }
}

impl ParamAttribute {
    /// The shortest correct form, quoted: `` `#[query]` ``, `` `#[header("..")]` ``.
    pub fn short_form(self) -> String {
        match self {
            ParamAttribute::Header => format!("`#[{}(\"..\")]`", self.name()),
            ParamAttribute::Query | ParamAttribute::Body => format!("`#[{}]`", self.name()),
        }
    }

    /// Every form, quoted, for the list of what a parameter may carry.
    pub fn forms(self) -> Vec<String> {
        let name = self.name();
        match self {
            ParamAttribute::Query => vec![
                format!("`#[{name}]`"),
                format!("`#[{name}({} = \"name\")]`", QueryOption::Rename.name()),
            ],
            ParamAttribute::Header => vec![format!("`#[{name}(\"Name\")]`")],
            ParamAttribute::Body => BodyEncoding::ALL
                .iter()
                .map(|encoding| encoding.attribute())
                .collect(),
        }
    }
}

keywords! {
    /// How a body parameter is encoded: `#[body]`, `#[body(form)]`, `#[body(bytes)]`.
    pub enum BodyEncoding {
        Json = "json",
        Form = "form",
        Bytes = "bytes",
    }
}

impl BodyEncoding {
    /// What a bare `#[body]` means.
    pub const DEFAULT: BodyEncoding = BodyEncoding::Json;

    /// How a parameter asks for it, quoted: `` `#[body]` `` for the default,
    /// `` `#[body(form)]` `` for the others.
    pub fn attribute(self) -> String {
        let body = ParamAttribute::Body.name();
        if self == BodyEncoding::DEFAULT {
            format!("`#[{body}]`")
        } else {
            format!("`#[{body}({})]`", self.name())
        }
    }
}

keywords! {
    /// `auth = ..` in `#[client]`: how requests are authenticated.
    pub enum AuthKind {
        None = "none",
        Bearer = "bearer",
        Basic = "basic",
        ApiKey = "api_key",
    }
}

impl AuthKind {
    /// Every way to write this kind, quoted: `` `bearer` ``, or one per place for `api_key`.
    pub fn forms(self) -> Vec<String> {
        match self {
            AuthKind::ApiKey => ApiKeyPlace::ALL
                .iter()
                .map(|place| {
                    format!(
                        "`{}({} = \"{}\")`",
                        self.name(),
                        place.name(),
                        place.example()
                    )
                })
                .collect(),
            AuthKind::None | AuthKind::Bearer | AuthKind::Basic => vec![code(self.name())],
        }
    }
}

keywords! {
    /// Where `auth = api_key(..)` puts the key.
    pub enum ApiKeyPlace {
        Header = "header",
        Query = "query",
    }
}

impl ApiKeyPlace {
    /// A typical name for the key there, for examples in messages.
    fn example(self) -> &'static str {
        match self {
            ApiKeyPlace::Header => "X-Api-Key",
            ApiKeyPlace::Query => "key",
        }
    }
}

keywords! {
    /// The attributes of the client struct besides its doc comments.
    pub enum ClientAttribute {
        Client = "client",
        Headers = "headers",
    }
}

impl ClientAttribute {
    /// Its form, quoted for a message.
    pub fn form(self) -> String {
        match self {
            ClientAttribute::Client => format!("`#[{}(base_url = \"..\", ..)]`", self.name()),
            ClientAttribute::Headers => format!("`#[{}(\"Name\" = \"value\")]`", self.name()),
        }
    }
}

/// The keys of `#[client(..)]`. darling reads them as the fields of `parse::ClientOptions`
/// but lets unknown ones through, so that one misspelt key does not discard the others'
/// values; this list is what they are checked and suggested from.
pub const CLIENT_KEYS: &[&str] = &["base_url", "auth", "timeout", "retries", "crate"];

/// Headers the client derives from the request itself (the body's type and length, the URL's
/// host), in lowercase: neither `#[headers]` nor a parameter may set them.
pub const HEADERS_FROM_REQUEST: &[&str] = &["content-type", "content-length", "host"];

/// The header `auth = bearer` and `auth = basic` set, in lowercase.
pub const AUTHORIZATION: &str = "authorization";

/// The constructors every generated client has (see `generate::client_impls`): an endpoint
/// cannot take their names.
pub const CONSTRUCTORS: &[&str] = &["new", "builder", "with_transport"];

/// The schemes a base URL may have.
pub const URL_SCHEMES: &[&str] = &["https://", "http://"];

/// The units of `timeout = ".."`, with their length in milliseconds. `ms` comes before `s`,
/// which it ends with.
pub const DURATION_UNITS: &[(&str, f64)] = &[("ms", 1.0), ("s", 1_000.0), ("m", 60_000.0)];

#[cfg(test)]
mod tests {
    use super::HttpMethod;

    #[test]
    fn every_word_reads_back_as_its_variant() {
        for method in HttpMethod::ALL {
            assert_eq!(HttpMethod::from_name(method.name()), Some(*method));
        }
        assert_eq!(HttpMethod::from_name("Get"), None);
    }
}
