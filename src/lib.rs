//! # modsmith
//!
//! Module metaprogramming for Rust: the code a Python program would build at run time with
//! `types`, `exec` and `ast` (data classes from field lists, API wrappers from endpoint
//! lists, logging woven through a module, modules made and changed while it runs), generated
//! at compile time instead, where it is checked, typed and free at run time.
//!
//! ```
//! use modsmith::Data;
//! use modsmith::dynamic::Value;
//!
//! /// A constructor, a builder, getters and validation, generated.
//! #[derive(Data, Debug)]
//! pub struct User {
//!     #[data(into, validate(length(min = 1, max = 64)))]
//!     name: String,
//!     #[data(default = 18, validate(range(min = 13)))]
//!     age: u8,
//! }
//!
//! /// Plain functions, callable by name at run time too.
//! #[modsmith::export_module]
//! pub mod greetings {
//!     pub fn greet(name: &str) -> String { format!("hello, {name}") }
//! }
//!
//! let ann = User::new("ann")?;
//! assert_eq!((ann.name(), ann.age()), ("ann", 18));
//! assert!(User::builder().name("").age(7).build().is_err()); // both broken rules reported
//!
//! assert_eq!(greetings::greet(ann.name()), "hello, ann"); // a direct call, as written
//! let by_name = greetings::module().call("greet", &[Value::from(ann.name())])?;
//! assert_eq!(by_name, Value::from("hello, ann"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Macros
//!
//! - [`#[derive(Data)]`](derive@Data): constructors, a builder whose missing required fields
//!   are compile errors, getters, opt-in validating setters and reflection for a struct.
//! - [`data_module!`]: a module of `Data` structs from names and field lists.
//! - [`#[derive(Model)]`](derive@Model): a struct read, changed, listed and built by field
//!   name at run time, and registered by name.
//! - [`api_client!`]: a typed HTTP API client, async and blocking, from a list of endpoints.
//! - [`#[instrument]`][instrument-attr]: a `tracing` span around a function, or around every
//!   function of an `impl` block, trait or inline module, with its arguments recorded.
//! - [`#[transform]`](macro@transform): an ordered pipeline of passes (derive, instrument,
//!   attributes, deprecation, docs) over the matching items of a module.
//! - [`template!`]: typed module templates, each a `macro_rules!` macro whose arguments are
//!   checked against declared parameter kinds.
//! - [`#[export_module]`](macro@export_module): a module left as written that is also a
//!   [`DynModule`](dynamic::DynModule), called by name.
//! - [`#[adaptive]`](macro@adaptive): every function of a module a slot, replaced, overridden
//!   for a thread or a task, or wrapped while the program runs.
//! - [`#[composable]`](macro@composable) and [`compose!`]: a module made of other modules'
//!   members, with a policy for names they share.
//! - [`script!`][script-macro] (feature `script`): a module of modsmith's small typed script
//!   language compiled to Rust functions.
//!
//! ## Run-time modules
//!
//! - [`dynamic`]: modules made and called while the program runs ([`Value`](dynamic::Value),
//!   [`DynModule`](dynamic::DynModule), [`ModuleBuilder`](dynamic::ModuleBuilder)).
//! - [`model`]: structs read, changed and built by field name, as `#[derive(Model)]` makes
//!   them.
//! - [`registry`]: every registered model and kind, found by name and built from values.
//! - [`http`]: the transports, credentials, errors and retries of `api_client!` clients.
//! - [`adaptive`](mod@adaptive): the slots, overrides and interfaces of `#[adaptive]`
//!   modules.
//! - [`compose`](mod@compose): the members of a composed module, and where each comes from.
//! - [`script`][script-mod] (feature `script`): the script language from text at run time, as
//!   verified bytecode run by a VM with limits.
//!
//! The traits and types of `#[derive(Data)]` ([`Data`](trait@Data), [`ValidationErrors`],
//! ...) are at the crate root.
//!
//! ## Features
//!
//! | feature | default | enables |
//! | --- | --- | --- |
//! | `tracing` | yes | [`#[instrument]`][instrument-attr] and `#[transform]`'s `instrument` pass, a span per HTTP request, [`DynModule::instrumented`][instrumented] |
//! | `serde` | yes | `#[data(deserialize)]`, JSON and form bodies and responses of API clients, [`Value::from_serde`][from-serde] |
//! | `http` | no | the async reqwest transport (rustls) that API clients use by default |
//! | `blocking` | no | the blocking reqwest transport of the clients' blocking twins |
//! | `script` | no | [`script!`][script-macro] and the [`script`][script-mod] module |
//!
//! `http` and `blocking` bring reqwest, tokio and rustls (about 200 crates); without them a
//! client answers each call with an error naming the feature, unless it was given a
//! transport with `with_transport(..)`.
//!
//! ## Generated code
//!
//! Generated code names only `::core` and `::modsmith::__private`, so it works next to user
//! types called `Result` or `Option` and inside `#![no_implicit_prelude]`. Every macro
//! answers bad input with spanned errors that say what to write instead, all of them in one
//! build.
//!
//! ## A renamed dependency
//!
//! Generated code reaches this crate as `::modsmith`. If `Cargo.toml` gives it another name
//! (`my_modsmith = { package = "modsmith", .. }`), tell each macro that takes a
//! `crate = path` option where it is:
//!
//! | macro | where |
//! | --- | --- |
//! | [`Data`](derive@crate::Data) | `#[data(crate = my_modsmith)]` on the struct |
//! | [`data_module!`] | `#[data(crate = my_modsmith)]` on the module (or on an entry) |
//! | [`Model`](derive@crate::Model) | `#[model(crate = my_modsmith)]` on the struct |
//! | [`api_client!`] | `#[client(crate = my_modsmith, ..)]` |
//! | [`instrument`][instrument-attr] | `#[instrument(crate = my_modsmith, ..)]` |
//! | [`transform`](macro@transform) | `#[transform(crate = my_modsmith, ..)]`, or in the `instrument(..)` pass |
//! | [`template!`] | `#[template(crate = my_modsmith)]` on each `template` |
//! | [`export_module`](macro@export_module) | `#[export_module(crate = my_modsmith, ..)]` |
//! | [`adaptive`](macro@adaptive) | `#[adaptive(crate = my_modsmith, ..)]` on the module |
//!
//! Without it, the macro's expansion fails with ``error[E0433]: cannot find `modsmith` in the
//! crate root``, at the macro. [`compose!`], [`#[composable]`](macro@composable) and
//! [`script!`][script-macro] take no such option: they reach modsmith through the macro
//! itself, under any name. The option is needed only where the macro is written: a
//! template's instances reach modsmith without naming it, so a crate that only instantiates
//! another crate's `pub template` needs no `crate =` and no dependency on modsmith.
//!
//! Finding the name in `Cargo.toml` automatically (the `proc-macro-crate` crate) was measured
//! and declined, as serde, tracing and bon decline it: it adds eight crates and about 10% to
//! the CPU time of building the macros for every user, to spare renamed users one option,
//! and it cannot see a modsmith reached through another crate's re-export
//! (`benches/RESULTS.md`).
//!
// Links to items that a feature gates: to the item with the feature on (docs.rs turns every
// feature on), to the feature table without it, so that the docs build with any features.
#![cfg_attr(
    feature = "tracing",
    doc = "[instrument-attr]: macro@crate::instrument"
)]
#![cfg_attr(
    feature = "tracing",
    doc = "[instrumented]: dynamic::DynModule::instrumented"
)]
#![cfg_attr(not(feature = "tracing"), doc = "[instrument-attr]: #features")]
#![cfg_attr(not(feature = "tracing"), doc = "[instrumented]: #features")]
#![cfg_attr(feature = "serde", doc = "[from-serde]: dynamic::Value::from_serde")]
#![cfg_attr(not(feature = "serde"), doc = "[from-serde]: #features")]
#![cfg_attr(feature = "script", doc = "[script-macro]: macro@crate::script")]
#![cfg_attr(feature = "script", doc = "[script-mod]: mod@crate::script")]
#![cfg_attr(not(feature = "script"), doc = "[script-macro]: #features")]
#![cfg_attr(not(feature = "script"), doc = "[script-mod]: #features")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// Derives constructors, a type-state builder, getters, validation and reflection for a
/// struct with named fields, and setters when asked (`#[data(set)]`, `#[data(with)]`).
///
/// ```
/// use modsmith::Data;
///
/// #[derive(Data, Debug)]
/// #[data(set, validate = Self::check)]
/// pub struct User {
///     /// Display name.
///     #[data(into, validate(length(min = 1, max = 64)))]
///     name: String,
///     #[data(default = 18, validate(range(min = 13, max = 130)))]
///     age: u8,
///     email: Option<String>,
///     #[data(skip(getter))]
///     password_hash: String,
/// }
///
/// impl User {
///     fn check(&self) -> Result<(), &'static str> {
///         if self.name == self.password_hash { Err("the password must not be the name") } else { Ok(()) }
///     }
/// }
///
/// // Required fields are positional, in declaration order; optional ones take defaults.
/// let ann = User::new("ann", "h4sh".to_owned())?;
/// assert_eq!((ann.name(), ann.age(), ann.email()), ("ann", 18, None));
///
/// // The builder: leaving out `.name(..)` or `.password_hash(..)` does not compile.
/// let bob = User::builder().name("bob").password_hash("x".into()).age(40).build()?;
/// assert_eq!(bob.age(), 40);
///
/// // Every failure at once, each naming its field.
/// let errors = User::builder().name("").password_hash("x".into()).age(7).build().unwrap_err();
/// assert_eq!(errors.len(), 2);
/// assert_eq!(errors.iter().next().unwrap().field(), Some("name"));
///
/// // Setters re-run the field's validation and keep the old value on failure.
/// let mut ann = ann;
/// assert!(ann.set_age(200).is_err());
/// assert_eq!(ann.age(), 18);
///
/// // Reflection.
/// use modsmith::Data as _;
/// assert_eq!(User::FIELDS[1].name(), "age");
/// assert_eq!(User::FIELDS[1].default(), Some("18"));
/// # Ok::<(), modsmith::ValidationErrors>(())
/// ```
///
/// # Field options: `#[data(..)]`
///
/// | option | effect |
/// | --- | --- |
/// | `default`, `default = expr` | optional: `new` leaves it out, the builder may set it; a string literal converts with `Into` |
/// | `required` | an `Option<..>` field that `new` and the builder require anyway |
/// | `into` | `new` and setters take `impl Into<T>` |
/// | `validate(range(min = .., max = ..))` | inclusive bounds on a number; a bound is a number or a constant, not a string |
/// | `validate(length(min = .., max = ..))` | bounds on the length of a string (in characters) or collection |
/// | `validate(non_empty)` | a length of at least one |
/// | `validate(custom = path)` | `fn(&T) -> Result<(), E>` with `E: Display`, or a function of what `T` dereferences to (`fn(&str)` for a `String`) |
/// | `skip(getter)`, `skip(setter)` | leave out the getter, or `set_*`/`with_*` (with `set` or `with` on the struct) |
///
/// Validators of an `Option` field check the value inside `Some`. `Option<T>` fields are
/// optional (default `None`) unless marked `required`.
///
/// # Struct options
///
/// | option | effect |
/// | --- | --- |
/// | `validate = path` | a whole-struct check `fn(&Self) -> Result<(), E>`, `E` a message, a `ValidationError` or `ValidationErrors`; run by `new`, `build()`, `validate()` and every setter |
/// | `set` | a `set_x(&mut self, v)` per field |
/// | `with` | a `with_x(self, v) -> Self` per field |
/// | `builder = Name` | the builder's name (default `<Struct>Builder`), when the module already has a type of that name |
/// | `builder(name = Name, derive(Clone, Debug))` | the builder's name and traits: `Clone`/`Debug` when the fields have them (opt-in: each costs compile time) |
/// | `deserialize` | a `serde::Deserialize` that validates (feature `serde`) |
/// | `crate = path` | where `modsmith` is, if renamed in `Cargo.toml` |
///
/// # Deserializing with validation
///
/// `#[data(deserialize)]` derives `serde::Deserialize` through serde's own derive, reached
/// through modsmith (no dependency on serde needed), and ends it with
/// [`Data::validate`]:
/// invalid input fails with one error that lists every broken rule. `#[serde(..)]`
/// attributes on the struct and its fields are handed to serde, except `from`, `try_from`
/// and `remote`, which would bypass the validation. Without modsmith's `serde` feature the
/// option is a compile error that says to enable it.
///
/// ```
/// #[derive(modsmith::Data, Debug)]
/// #[data(deserialize)]
/// pub struct Signup {
///     #[serde(rename = "userName")]
///     #[data(validate(non_empty))]
///     name: String,
///     #[data(validate(range(min = 13)))]
///     age: u8,
/// }
///
/// let signup: Signup = serde_json::from_str(r#"{"userName": "ann", "age": 30}"#).unwrap();
/// assert_eq!(signup.name(), "ann");
/// let error = serde_json::from_str::<Signup>(r#"{"userName": "", "age": 7}"#).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "2 validation errors: name: must not be empty; age: must be at least 13 (got 7)",
/// );
/// ```
///
/// # What it generates
///
/// - `new(required..)`: returns `Result<Self, ValidationErrors>` when any validation applies,
///   `Self` otherwise.
/// - `builder()` and a `<Name>Builder` type: one setter per field (an optional `Option`
///   field's setter takes `value`, `Some(value)` or `None`), and `build()`, which compiles
///   only once each required field is set. `<Name>Builder` alone names the builder
///   `builder()` returns.
/// - getters in the natural borrowed form: `&str` for `String`, `&[T]` for `Vec<T>`,
///   `Option<&T>` for `Option<T>`, a copy for `Copy` primitives, `&T` otherwise.
/// - with `#[data(set)]`, `set_x(&mut self, v)`, and with `#[data(with)]`, `with_x(self, v)
///   -> Self`: opt-in, as in getset, because every generated method is compiled by each
///   build of your crate (together a fifth of an incremental rebuild, `benches/RESULTS.md`).
///   Each returns `Result` when the field
///   has validators or the struct a `validate = ..` check (both run; on failure the field
///   keeps its old value).
/// - `impl modsmith::Data` with `NAME`, `FIELDS` and `validate()`.
pub use modsmith_macros::Data;

/// Derives [`Model`](model::Model) for a struct with named fields: its fields read, changed,
/// listed and built by name at run time, through [`Value`](dynamic::Value)s.
///
/// ```
/// use modsmith::Model;
/// use modsmith::dynamic::Value;
/// use modsmith::model::Model as _;
///
/// #[derive(Model, Debug, PartialEq)]
/// #[model(meta(table = "users"))]
/// struct User {
///     /// The user's name.
///     name: String,
///     age: i64,
///     /// Missing from the values: `None`.
///     email: Option<String>,
/// }
///
/// let mut user = User { name: "Ada".into(), age: 36, email: None };
/// assert_eq!(user.get("name"), Some(Value::from("Ada")));
/// user.set("age", Value::Int(37))?;
/// assert_eq!(user.age, 37);
/// assert_eq!(User::SHAPE.meta("table"), Some("users"));
///
/// let error = User::from_values(&[("nmae".into(), Value::from("Bob"))].into()).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "cannot build `User`: 3 problems\n  \
///      - `name` is missing (a `String`)\n  \
///      - `age` is missing (a `i64`)\n  \
///      - `nmae` is not a field; did you mean `name`?"
/// );
/// # Ok::<(), modsmith::model::SetError>(())
/// ```
///
/// With `#[derive(Data)]` on the same struct, a field's `#[data(default ..)]` is what
/// `from_values` uses when the field is missing, and `set` and `from_values` run the
/// validators (`set` keeps the old value when they fail). An `Option` field may be missing
/// (it is `None`). With serde, field names follow `#[serde(rename)]` and
/// `#[serde(rename_all)]`, so the values agree with serde's.
///
/// Every model is registered: [`registry`] lists them, finds one by name and builds it from
/// values, and checks at start-up which expected models are missing (see its docs for the
/// platforms and the one thing to write for a crate of models the program never names).
///
/// | option | effect |
/// | --- | --- |
/// | `#[model(meta(key = "value", ..))]` | metadata of the shape |
/// | `#[model(name = "..")]` | the name in the shape and the registry, instead of the type's |
/// | `#[model(kind = dyn Trait)]` | also registered under the trait: [`registry::of`] lists and creates the models of a kind as `Box<dyn Trait>` |
/// | `#[model(on_create = path)]` | `fn(&T)`, run after every construction that succeeds (`from_values`; with `Data`, `new`, the builder and `#[data(deserialize)]`) |
/// | `#[model(on_change = path)]` | `fn(&T, &str, &Value, &Value)`, run after every successful change (`set`; with `Data`, `set_*` and `with_*`) with the field's name, old and new values |
/// | `#[model(crate = path)]` | where `modsmith` is, if renamed in `Cargo.toml` |
/// | `#[model(skip)]` on a field | left out of the shape, `get`, `set` and the values; `from_values` fills it with `Default::default()` |
/// | `#[model(rename = "..")]` on a field | its name in the shape and the values |
///
/// ```
/// use modsmith::dynamic::Value;
/// use modsmith::{Model, registry};
///
/// trait Exporter {
///     fn export(&self, rows: &[i64]) -> String;
/// }
///
/// #[derive(Model)]
/// #[model(kind = dyn Exporter)]
/// struct Csv {
///     separator: String,
/// }
///
/// impl Exporter for Csv {
///     fn export(&self, rows: &[i64]) -> String {
///         rows.iter().map(i64::to_string).collect::<Vec<_>>().join(&self.separator)
///     }
/// }
///
/// let exporter = registry::of::<dyn Exporter>()
///     .create("Csv", &[("separator".into(), Value::from(";"))].into())?;
/// assert_eq!(exporter.export(&[1, 2]), "1;2");
/// # Ok::<(), modsmith::registry::KindError>(())
/// ```
///
/// Refused with an error that says what to do: enums, unions, tuple structs, generic
/// structs, a field type without the `Value` conversions (reported at the type), two fields
/// of one name, names starting with `__`, a `kind` the type does not implement (reported at
/// the attribute), hooks of the wrong signature (reported at the path, with the signature
/// expected).
pub use modsmith_macros::Model;

/// Builds a module of [`Data`](derive@crate::Data) structs from names and field lists: the
/// compile-time form of building a module of data classes at run time.
///
/// ```
/// modsmith::data_module! {
///     /// Plane geometry.
///     pub mod geometry {
///         /// A point in the plane.
///         #[derive(Debug, Clone, Copy, PartialEq)]
///         Point { x: f64, y: f64 },
///         Size {
///             #[data(validate(range(min = 0.0)))]
///             w: f64,
///             #[data(validate(range(min = 0.0)))]
///             h: f64,
///         },
///     }
/// }
///
/// use modsmith::Data as _;
/// let p = geometry::Point::new(1.0, 2.0);
/// assert_eq!((p.x(), p.y()), (1.0, 2.0));
/// assert!(geometry::Size::new(-1.0, 2.0).is_err());
/// assert_eq!(geometry::Size::FIELDS.len(), 2);
/// ```
///
/// Each entry is `[attributes] [visibility] Name[<generics>] [where ..] { fields }`, the same
/// as a struct without the `struct` keyword (which may be written too). Entries without a
/// visibility are `pub`; fields are private unless marked, and read through getters. Every
/// entry gets `#[derive(Data)]`, so `#[data(..)]` options work as on the derive. The module
/// imports its parent's names (`use super::*`), so field types are written as they would be
/// next to the macro call.
///
/// Two structs with one name, or two fields with one name, are compile errors that point at
/// both. Entries are structs only: an `enum`, a `use` or any other item is refused with
/// where to put it, and so is an explicit `#[derive(Data)]` (every entry has it already).
pub use modsmith_macros::data_module;

/// Generates a typed HTTP API client from a declarative list of endpoints: an async client
/// and its blocking twin, checked at compile time, thin at run time.
///
/// Requests go over the network through reqwest with the `http` feature (`blocking` for the
/// blocking client); both are opt-in. Without them a client answers every call with an
/// error naming the feature, unless it was made `with_transport(..)`.
///
/// ```
/// use modsmith::http::{ApiError, Method, MockTransport, Secret};
///
/// #[derive(serde::Deserialize, Debug, PartialEq)]
/// pub struct Pet { id: u64, name: String }
///
/// modsmith::api_client! {
///     /// The Pet Store API.
///     #[client(base_url = "https://petstore.example/v2", auth = bearer, timeout = "10s", retries = 2)]
///     #[headers("Accept" = "application/json")]
///     pub struct PetStore {
///         /// Fetch one pet.
///         #[get("/pets/{id}")]
///         fn get_pet(id: u64) -> Pet;
///
///         #[get("/pets")]
///         fn list_pets(#[query] limit: Option<u32>) -> Vec<Pet>;
///
///         #[delete("/pets/{id}")]
///         fn delete_pet(id: u64);
///     }
/// }
///
/// let mock = MockTransport::new();
/// mock.reply(Method::Get, "/pets/{id}", 200, r#"{"id": 7, "name": "Rex"}"#);
/// mock.reply(Method::Delete, "/pets/{id}", 404, "no pet 8");
///
/// let client = PetStore::builder().token(Secret::new("t0k3n")).build_with(&mock);
/// let store = PetStoreBlocking::builder().token(Secret::new("t0k3n")).build_with(&mock);
/// assert_eq!(store.get_pet(7)?, Pet { id: 7, name: "Rex".into() });
/// let error = store.delete_pet(8).unwrap_err();
/// assert_eq!(error.status(), Some(404));
/// assert_eq!(error.to_string(), "DELETE /pets/{id} failed with HTTP 404 (no such resource); the server said: no pet 8");
/// assert_eq!(mock.requests()[0].url, "https://petstore.example/v2/pets/7");
/// # let _ = client;
/// # Ok::<(), ApiError>(())
/// ```
///
/// # Client options: `#[client(..)]`
///
/// | option | effect |
/// | --- | --- |
/// | `base_url = "https://.."` | where requests go (required; the builder can change it) |
/// | `auth = none \| bearer \| basic \| api_key(header = "..") \| api_key(query = "..")` | how requests authenticate; credentials are given to the builder as [`Secret`](http::Secret)s |
/// | `timeout = "10s"` | timeout of one attempt (`ms`, `s`, `m`) |
/// | `retries = 2` | retries of idempotent requests on connect errors, 429, 502, 503, 504 |
/// | `crate = path` | where `modsmith` is, if renamed |
///
/// `#[headers("Name" = "value", ..)]` adds headers to every request.
///
/// # Endpoints
///
/// `#[get("/route/{placeholder}")]` (or `post`, `put`, `patch`, `delete`, `head`) on a
/// `fn` signature. A bare parameter fills the placeholder of its name (encoded as one path
/// segment; `.` and `..` are refused); `#[query]` / `#[query(rename = "..")]`,
/// `#[header("Name")]`, `#[body]` (JSON), `#[body(form)]` and `#[body(bytes)]` place the
/// others. `Option` query and header parameters are left out when `None`. A list query
/// parameter (`Vec<T>`, `&[T]`, `[T; N]`) is sent as `?tag=a&tag=b`, or as `?tag=a,b` with
/// `#[query(style = comma)]`.
///
/// The return type is any `serde::Deserialize` type (decoded from JSON; an empty body reads
/// as `null`), `()` (body ignored), [`http::Response`] (the raw response) or
/// [`http::ResponseValue<T>`] (`T` with the status and headers). The type decides, not its
/// name: a type of yours called `Response` is decoded from JSON, and modsmith's `Response`
/// is raw however it is imported. Not `Result<T, E>`: the method already returns
/// `Result<T, ApiError>`, so write `-> T`. `#[idempotent]` lets a POST or PATCH endpoint be
/// retried.
///
/// The blocking twin must not be called from async code (reqwest's blocking client panics
/// there); use the async client, or call it inside `tokio::task::spawn_blocking`.
///
/// Placeholders and parameters are checked against each other in both directions, as are
/// routes, the base URL, header names and values, and bodies against methods.
///
/// Path, query and header values are written with `Display`; `#[body]` and `#[body(form)]`
/// need `serde::Serialize`, `#[body(bytes)]` `Into<Vec<u8>>`. A type without its bound gets
/// one error, at the type, saying what it is used for and what to write.
pub use modsmith_macros::api_client;

/// Wraps a function — or every function of an `impl` block, trait (its default methods) or
/// inline `mod` — in a [`tracing`](https://docs.rs/tracing) span named after the function
/// (`function`, `Type::method`, `<Type as Trait>::method`, `Trait::method`; its target is the
/// module path), with its arguments recorded.
///
/// ```
/// #[modsmith::instrument(level = "debug", ret)]
/// fn add(a: u32, b: u32) -> u32 {
///     a + b
/// }
///
/// struct Account;
///
/// #[modsmith::instrument(err, exclude = "helper_*")]
/// impl Account {
///     // `password` is recorded as "***"; `pin` too, by its attribute.
///     pub fn login(&self, user: &str, password: &str, #[redact] pin: u32) -> Result<(), String> {
///         if user.is_empty() { Err("no user".into()) } else { Ok(()) }
///     }
///
///     #[instrument(level = "trace", skip(data))] // merged over the block's options
///     pub fn upload(&self, data: &[u8]) -> Result<usize, String> { Ok(data.len()) }
///
///     #[instrument(skip)] // left out
///     pub fn quiet(&self) {}
///
///     fn helper_format(&self) {} // left out by `exclude`
/// }
///
/// assert_eq!(add(1, 2), 3);
/// assert!(Account.login("ann", "pw", 1234).is_ok());
/// ```
///
/// It is a drop-in for `#[tracing::instrument]`: every option of tracing's attribute is
/// accepted with tracing's meaning, and these are recorded as tracing records them.
///
/// | option | effect |
/// | --- | --- |
/// | `level = "trace" \| "debug" \| "info" \| "warn" \| "error"` (any case), `Level::DEBUG`, `tracing::Level::DEBUG`, `1`..`5`, or a `Level` constant | the span's level (default `info`) |
/// | `name = ".."` or `name = CONST`, or a string alone: `#[instrument("load")]` | the span's name (one function) |
/// | `target = ".."` or `target = CONST` | the span's target (default: the module path) |
/// | `parent = expr`, `follows_from = expr` | an explicit parent (`None`: a root span); causes the span follows from |
/// | `skip(a, self)`, `skip_all`, `args(a, b)` | which parameters are recorded |
/// | `fields(n = expr, s = %expr, d = ?expr, user.id = id, {CONST} = 1, %local, later)` | more fields: with `Display` (`%`), `Debug` (`?`), or as values; one alone is empty, for `Span::record` later |
/// | `ret`, `ret(Display)`, `ret(level = "info")` | an event with the return value (with `err`: the `Ok` value); on a single function its type must be `Debug` (or `Display`), in a block values that are not are left out |
/// | `err`, `err(Debug)`, `err(level = "warn")` | an event (at `ERROR` unless told) with the error of an `Err` |
/// | `time` | `elapsed_us` recorded when the span closes |
/// | `only = "pub"`, `include = "get_*"`, `exclude = "helper_*"` | which functions of a block |
/// | `skip` (alone, on a function in a block) | leave that function out |
///
/// Parameters whose type is written as a number, `bool`, `str` or `String` are recorded as
/// typed values (JSON and OpenTelemetry output keep their types), others with `Debug`, as
/// are `self` and each binding of a destructured parameter. Unlike tracing, a parameter
/// without `Debug` is left out instead of failing to compile, and parameters named like
/// secrets and those marked `#[redact]` are recorded as `"***"` (`#[no_redact]` records one
/// in clear). A name is a secret by its whole words, in snake_case or camelCase:
/// `access_token`, `privateKey`, `password`, `api_key` are; `author` and `tokens_count` are
/// not (the rule and its word list:
/// [`modsmith_rules::redact::is_secret_name`](https://docs.rs/modsmith-rules)). Nothing is
/// formatted unless the span is enabled. Async functions keep their span across awaits, and a
/// dropped future closes it; a function that ends in an async block (what `#[async_trait]`
/// writes) gets the span over that future, made when the function is called. `log` users get
/// records through tracing's `log` feature. In a block, the formatting traits' `fmt` and
/// `Future::poll` are left alone unless they carry their own `#[instrument]`: they run often
/// and indirectly (every `to_string()`).
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub use modsmith_macros::instrument;

/// Applies an ordered pipeline of passes to every matching item of an inline module,
/// recursively.
///
/// ```
/// #[modsmith::transform(
///     derive(Debug, Clone),                              // structs and enums
///     attr("#[must_use]", on = "fn", include = "make_*"), // any attribute, on matching items
///     deprecate(note = "use v2", on = "fn", only = "pub"),
///     doc = "Part of the v1 API.",
/// )]
/// pub mod v1 {
///     #[derive(Debug)] // already derived: not derived twice
///     pub struct Point { pub x: i32 }
///
///     #[transform(skip(deprecate))]
///     pub fn make_point(x: i32) -> Point { Point { x } }
/// }
///
/// let point = v1::make_point(3);
/// let copy = point.clone();
/// assert_eq!(format!("{copy:?}"), "Point { x: 3 }");
/// ```
///
/// Passes: `derive(Trait, ..)` (structs and enums; traits already derived are skipped),
/// `instrument(..)` (as [`instrument`], on functions, impl blocks and traits), `attr("#[..]", ..)`,
/// `apply(path::to::attribute_macro, ..)` (or with arguments:
/// `apply(path::to::attribute_macro(args), ..)`), `deprecate(note = "..", ..)` and
/// `doc = ".."`.
/// Each takes selectors: `on = "fn" | "struct" | "enum" | "trait" | "impl" | "const" |
/// "static" | "type" | "mod" | "all"`, `only = "pub"`, `include`/`exclude` globs on item
/// names. An item opts out with `#[transform(skip)]` or `#[transform(skip(derive, ..))]`.
/// `crate = path` among the passes says where a renamed `modsmith` is.
pub use modsmith_macros::transform;

/// Defines typed module templates: each `template` becomes a `macro_rules!` macro that
/// checks its arguments against the declared parameters and pastes the body, in place or in
/// a new module.
///
/// ```
/// modsmith::template! {
///     /// An in-memory repository for one entity type.
///     pub template repository(
///         Entity: type,
///         Key: type = u64,
///         table: str,
///         capacity: expr = 16,
///         Name: ident,
///     ) {
///         pub struct $Name {
///             rows: ::std::collections::BTreeMap<$Key, $Entity>,
///         }
///
///         impl $Name {
///             pub const TABLE: &'static str = $table;
///             pub const CAPACITY: usize = $capacity;
///
///             pub fn new() -> Self {
///                 Self { rows: ::std::collections::BTreeMap::new() }
///             }
///
///             pub fn insert(&mut self, key: $Key, row: $Entity) {
///                 self.rows.insert(key, row);
///             }
///
///             pub fn ${snake(Name)}_len(&self) -> usize {
///                 self.rows.len()
///             }
///         }
///     }
/// }
///
/// pub struct User;
/// pub struct Order;
///
/// repository! { pub mod users; Entity = User, Name = UserRepo, table = "users" }
/// repository! { mod orders; Entity = Order, Key = (u32, u32), Name = Orders, table = "orders", capacity = 64 }
///
/// fn main() {
///     let mut users = users::UserRepo::new();
///     users.insert(1, User);
///     assert_eq!(users.user_repo_len(), 1);
///     assert_eq!(users::UserRepo::TABLE, "users");
///     assert_eq!(orders::Orders::CAPACITY, 64);
///     assert_eq!(orders::Orders::new().orders_len(), 0);
/// }
/// ```
///
/// Parameter kinds: `ident`, `type`, `expr`, `str`, `int`, `bool`, `path`, `tokens` (any
/// tokens; wrap them in `{ .. }` when they contain a comma), and lists `[kind]`, written
/// `[a, b]` and used in repetitions `$( .. )*` or `$( .. ),*`. Defaults follow `=`. An
/// `expr` or `type` value keeps its meaning wherever the body writes it: with `n = 1 + 1`,
/// `$n * 2` is 4, and with `T = dyn Debug + Send` (or `dyn Debug +`), `&$T` borrows the whole
/// type.
///
/// In the body, only `$param` is replaced. `${..}` builds an identifier from parameters'
/// text: `snake(x)`, `camel(x)` (`lowerCamel`), `pascal(x)`, `upper(x)` (`SHOUTY_SNAKE`),
/// `concat(get_, x)` (names that are not parameters are text), combinable; an identifier
/// written against it is glued on (`get_${x}`, `${snake(x)}_len`); `${stringify(x)}` is a
/// string literal. `$$` is a `$`, `$crate` the crate that defines the template.
///
/// A call is `name! { [#[attrs] vis mod module;] Param = value, .. }`: with `mod`, the items
/// go in a new module that sees the caller's items (`use super::*`); without, in place. A
/// `pub template` is `#[macro_export]`ed, usable from other crates as `their_crate::name!`
/// (they need no dependency on `modsmith`: the macro reaches it through `$crate`); in its own
/// crate it is called by name after its definition (rustc refuses `crate::name!` paths to
/// macro-generated exported macros). `pub(crate)` makes a template reachable by path in the
/// crate; a private one is usable after its definition, as `macro_rules!` macros are.
///
/// `#[template(crate = path)]` on a `template` says where a renamed `modsmith` is.
pub use modsmith_macros::template;

pub use modsmith_runtime::{
    Data, DataInfo, FieldInfo, HasLength, IntoValidationErrors, IsSet, IsUnset, Set,
    ValidationError, ValidationErrors,
};

/// Exposes an inline module as a [`DynModule`](dynamic::DynModule), leaving the module
/// exactly as written: direct calls stay direct and free, and `module()` (added to the
/// module) gives the same functions, constants and nested modules by name, with their docs
/// and signatures from the source.
///
/// The `DynModule` is built on the first call of `module()`.
///
/// ```
/// #[modsmith::export_module]
/// pub mod math {
///     /// Adds two numbers.
///     pub fn add(a: i64, b: i64) -> i64 { a + b }
///     pub fn greet(name: &str) -> String { format!("hello, {name}") }
///     pub const PI: f64 = 3.14159;
///     pub mod trig { pub fn sin(x: f64) -> f64 { x.sin() } }
///     #[export(skip)]
///     pub fn internal() {}
/// }
///
/// use modsmith::dynamic::{DynModule, Value};
///
/// assert_eq!(math::add(1, 2), 3); // still a plain function
/// let m: &DynModule = math::module();
/// assert_eq!(m.call("add", &[1.into(), 2.into()])?, Value::Int(3));
/// assert_eq!(m.call("greet", &["ann".into()])?, Value::from("hello, ann"));
/// assert_eq!(m.call("trig::sin", &[0.0.into()])?, Value::Float(0.0));
/// assert_eq!(m.signature("add").unwrap().to_string(), "add(a: i64, b: i64) -> i64");
/// assert_eq!(m.signature("add").unwrap().doc(), "Adds two numbers.");
/// assert!(m.get("internal").is_none());
/// # Ok::<(), modsmith::dynamic::CallError>(())
/// ```
///
/// Exported: every `pub fn`, `pub const` and inline `pub mod` (each nested module gets its
/// own `module()`). A member under `#[cfg(..)]` leaves `module()` when its item is
/// configured out (`#[cfg_attr(..)]` is not read: what it adds is not known before rustc
/// expands it). Parameters are read with [`FromValue`](dynamic::FromValue): `&str`,
/// `&[u8]`, `&[Value]` and `&Value` borrow from the argument; other slices (`&[i64]`) are
/// converted into a `Vec` first, which allocates; anything else is taken by value. Results
/// convert with [`IntoValue`](dynamic::IntoValue), and a `Result<T, E: Display>` reports
/// its error as [`CallErrorKind::Failed`](dynamic::CallErrorKind::Failed). A function adds no code
/// of its own to your crate: its name, doc and signature are a few bytes of one string and
/// its `fn` pointer one element of an array, and the functions of one signature share one
/// adapter from the runtime, so exporting adds little compile time.
///
/// | option | effect |
/// | --- | --- |
/// | `name = ".."` | the `DynModule`'s name (default: the module's) |
/// | `crate = path` | where `modsmith` is, if renamed in `Cargo.toml` |
/// | `#[export(skip)]` on an item | leave it out of `module()` |
/// | `#[export(rename = "..")]` on an item | its name in `module()` |
///
/// Refused with a message that says what to do: generic, `async`, `unsafe` and `extern`
/// functions, `impl Trait` and `&mut` parameters, a `&T` parameter of another type, a
/// returned reference that is not `'static`, a `u64`/`usize`/`i128`-like constant (a
/// `Value`'s integers are `i64`), two members of one name, `mod m;` (its items are in
/// another file), and an item already named `module`. A parameter or result type without a
/// conversion is reported at the type, naming the trait to implement.
pub use modsmith_macros::export_module;

// The run-time modules carry their own docs: a doc here would be joined to theirs.
pub use modsmith_runtime::http;

pub use modsmith_runtime::dynamic;

pub use modsmith_runtime::model;

pub use modsmith_runtime::registry;

pub use modsmith_runtime::adaptive;

/// Makes every function of an inline module a slot: called exactly as before, and replaced,
/// overridden for one thread or one task, wrapped by middleware, provided (optional
/// functions) and inspected while the program runs.
///
/// ```
/// #[modsmith::adaptive(version = "2.1")]
/// pub mod payments {
///     use modsmith::adaptive::NotProvided;
///
///     #[derive(Debug, PartialEq)]
///     pub enum PayError { Declined, NotProvided(NotProvided) }
///     impl From<NotProvided> for PayError {
///         fn from(error: NotProvided) -> Self { PayError::NotProvided(error) }
///     }
///
///     /// Charges a card; returns the receipt's number.
///     pub fn charge(cents: u64, card: &str) -> Result<u64, PayError> {
///         if cents > 10_000 { Err(PayError::Declined) } else { Ok(cents + card.len() as u64) }
///     }
///
///     /// Refunds a receipt: no body, provided at run time.
///     #[adaptive(optional)]
///     pub fn refund(receipt: u64) -> Result<(), PayError>;
/// }
///
/// use payments::{adapt, PayError};
///
/// assert_eq!(payments::charge(100, "visa"), Ok(104)); // the body, as written
///
/// // For every thread, until restored:
/// let restore = adapt::charge.replace(|cents, _card| Ok(cents));
/// assert_eq!(payments::charge(100, "visa"), Ok(100));
/// {
///     // For this thread only, until the guard drops; it wins over the replacement.
///     let _guard = adapt::charge.override_scoped(|_, _| Err(PayError::Declined));
///     assert_eq!(payments::charge(100, "visa"), Err(PayError::Declined));
/// }
/// restore.restore();
///
/// // Middleware: the arguments, and `next` for the rest of the chain.
/// let layer = adapt::charge.wrap(|args, next| next.run(args).map(|n| n * 10));
/// assert_eq!(payments::charge(100, "visa"), Ok(1040));
/// layer.remove();
///
/// // An optional function returns its error until something provides it.
/// assert!(matches!(payments::refund(1), Err(PayError::NotProvided(_))));
/// assert!(!payments::supports("refund"));
/// let _provided = adapt::refund.provide(|_| Ok(()));
/// assert_eq!(payments::refund(1), Ok(()));
/// assert!(payments::supports("refund"));
///
/// // What the module offers now.
/// let interface = payments::interface();
/// assert_eq!(interface.version(), Some("2.1"));
/// assert!(interface.function("refund").unwrap().is_provided());
/// println!("{interface}");
/// ```
///
/// Each function `f` keeps its signature, and gets a handle `adapt::f` (a constant, as
/// visible as `f`) with:
///
/// | method | effect |
/// | --- | --- |
/// | `replace(f)` (`provide(f)` for an optional function) | for every thread, until `.restore()` on what it returns (which takes off that replacement only, in any order) or `reset()`; the closure is leaked (never freed) |
/// | `reset()` | back to the body as written: no replacement, no layers |
/// | `override_scoped(f)` | for the current thread, until the guard drops; threads it spawns do not see it |
/// | `scope(f, future)` | for one task: installed around each poll, so it follows the task across `.await`s and worker threads, on any executor |
/// | `wrap(layer)` | middleware `|args, next| ..`, newest outermost, until `.remove()` on what it returns or `reset()`; leaked |
/// | `is_replaced()` (`is_provided()`), `is_overridden()` | what is installed, seen from this thread |
/// | `replace_dynamic(&function)` | fills the slot from a [`DynModule`](dynamic::DynModule) function, its signature checked ([`FillError`](adaptive::FillError) otherwise); only for parameters with [`IntoValue`](dynamic::IntoValue) and a `Result<T, E>` with `E: From<CallError>`, which a compile error names otherwise |
///
/// They stack: a scoped override wins over a replacement, which wins over the body; layers
/// run around whichever is active. `adapt::FArgs` is `f`'s arguments struct, which a layer
/// receives (a field per parameter, `argN` for a pattern). The module also gets
/// `interface()` (every function with its signature, doc, version and state) and
/// `supports(name)`. An optional function (`#[adaptive(optional)]`, no body) returns
/// `Option<T>` (`None`) or `Result<T, E>` with `E: From<`[`NotProvided`](adaptive::NotProvided)`>`
/// until it is provided, never panicking.
///
/// A call through a slot nothing changed costs about a nanosecond over a direct call: a load
/// of the slot's word, a load of a thread-local and a compare (`benches/RESULTS.md`). Each
/// global change (`replace`, `restore`, `wrap`, `remove`, `reset`) leaks a small snapshot of
/// the slot's state, which lets every thread read it without a lock: change slots at
/// start-up or in tests, not in a hot loop. A `&T` parameter converts for `replace_dynamic`
/// when `T: IntoValue + Clone`.
/// Overrides are per thread, so tests that override the same function run in parallel
/// without seeing each other's; `replace` is global: use it at start-up, or in tests that
/// do not run at the same time as others calling the function.
///
/// | option | effect |
/// | --- | --- |
/// | `version = ".."` | reported by `interface()` |
/// | `crate = path` | where `modsmith` is, if renamed in `Cargo.toml` |
/// | `#[adaptive(optional)]` on a function | no body; provided at run time |
///
/// Refused with a message that says what to write instead: generic and const-generic
/// functions, `impl Trait` parameters and returns, `async`, `const`, `unsafe` and `extern`
/// functions, `where` clauses and lifetime bounds, an optional function with a body or a
/// non-optional one without, an optional function returning neither `Option` nor `Result`,
/// `#[adaptive]` on `mod m;` (its items are in another file), on a function or on an `impl`
/// block (a slot is a function of a module; call one from a method), attributes on
/// parameters, and names already taken by `adapt`, `interface` or `supports` (items or
/// `use`s). Methods and other items of the module are left
/// as written. The attribute sees the module's tokens before other macros expand, so
/// functions that a macro inside the module generates are not slots. A lifetime hidden in
/// a path (`Formatter` for `Formatter<'_>`) must be written out (`<'_>`) for the arguments
/// struct.
pub use modsmith_macros::adaptive;

pub use modsmith_runtime::compose;

/// Makes an inline module a source of [`compose!`]: leaves it as written and adds, inside it,
/// a hidden `macro_rules!` that hands its member list on. See [`compose!`].
pub use modsmith_macros::composable;

/// Builds a module from the members of `#[composable]` modules, re-exported with `pub use`.
///
/// ```
/// #[modsmith::composable]
/// pub mod auth {
///     pub struct User { pub name: String }
///     pub fn login(user: &User) -> bool { !user.name.is_empty() }
///     pub fn logout() -> &'static str { "auth" }
/// }
///
/// #[modsmith::composable]
/// pub mod billing {
///     pub fn charge(cents: u64) -> u64 { cents }
///     pub fn logout() -> &'static str { "billing" }
/// }
///
/// modsmith::compose! {
///     /// The application: auth and billing.
///     #[compose(auth, billing(rename(charge = bill)), policy = prefer(billing))]
///     pub mod app {
///         #[compose(override)]
///         pub fn login(_user: &super::auth::User) -> bool { true }
///     }
/// }
///
/// fn main() {
///     let user = app::User { name: String::new() }; // `app::User` is `auth::User`
///     assert!(app::login(&user));                    // the override
///     assert_eq!(app::bill(250), 250);               // `billing::charge`, renamed
///     assert_eq!(app::logout(), "billing");          // `prefer(billing)`
///     let names: Vec<&str> = app::MEMBERS.iter().map(|member| member.name).collect();
///     assert_eq!(names, ["User", "bill", "logout", "login"]);
/// }
/// ```
///
/// - **Sources**, in order, by any path that resolves where `compose!` is written
///   (`crate::auth`, `super::auth`, `auth`, `other_crate::auth`); each must be
///   `#[composable]`. Per source: `only(a, b)`, `except(a, b)`, `rename(old = new)`.
/// - **`policy`** for a name several sources define: `error` (the default: each such name is
///   a compile error, at `#[compose(..)]` and at every definition), `first`, `last` or
///   `prefer(source)` (by path as written, or its last segment).
/// - **Namespaces** follow rustc: a braced struct and a function of one name do not
///   conflict; a tuple or unit struct (a type and a constructor) and a function do.
/// - **Local items** are the module's own. One that takes a source's name must say so with
///   `#[compose(override)]` (inheritance); one marked so must override something, or it is
///   reported with the closest name.
/// - **Output**: `pub use` of each member taken (identity kept: `app::User` is
///   `auth::User`), the local items, `MEMBERS: &[Member]` and a doc table of where each
///   member comes from. When every source has a `module()` (`#[export_module]`), `module()`
///   gives their `DynModule`s composed with the same picks (the local items are not in it).
/// - **What `#[composable]` cannot see**: it reads the module's tokens before other macros
///   expand. It adds the builder of a `#[derive(Data)]` struct itself; declare other
///   generated members with `#[composable(extra(struct Name, fn name))]`. Glob re-exports
///   (`pub use x::*`) and the items of `mod m;` are not seen. Only `pub` members are taken.
/// - **Limits**: the composed module is not itself a source. A `pub` composable module
///   written by a `macro_rules!` that is expanded twice at one place clashes (its hidden
///   macro's name comes from its place). Each source costs two macro expansions: about 60
///   sources fit rustc's default `recursion_limit` of 128.
///
/// `compose!` and `#[composable]` take no `crate = path`: they reach modsmith through the
/// `compose!` macro itself, under any name of the dependency.
#[macro_export]
macro_rules! compose {
    ($($input:tt)*) => {
        $crate::__private::compose::start! { [$crate] $($input)* }
    };
}

/// Gathers the member lists of `compose!`'s sources, one source at a time, then calls
/// `compose!`'s last run. Not for direct use.
// Each source's hidden macro calls back here with its list appended as `source { .. }`.
// The lists gathered so far are nested one level per source (`[[prev] {list}]`), so each
// step matches them as one token tree instead of re-matching every list.
#[doc(hidden)]
#[macro_export]
macro_rules! __compose_chain {
    (krate [$($krate:tt)*] todo [($($next:tt)*) $($todo:tt)*] input $input:tt done [$($done:tt)*] $(source $source:tt)?) => {
        $($next)*! {
            [$($krate)*::__private::compose::chain]
            krate [$($krate)*] todo [$($todo)*] input $input done [[$($done)*] $($source)?]
        }
    };
    (krate [$($krate:tt)*] todo [] input $input:tt done [$($done:tt)*] $(source $source:tt)?) => {
        $($krate)*::__private::compose::finish! {
            krate [$($krate)*] input $input done [[$($done)*] $($source)?]
        }
    };
}

/// The script language at run time (feature `script`): compile a script from text
/// ([`Script::compile`](script::Script::compile)), load and verify bytecode
/// ([`Program::from_bytes`](script::Program::from_bytes)), run it in the VM with limits, or
/// as a `DynModule`; and the run-time errors every back end reports.
#[cfg(feature = "script")]
#[cfg_attr(docsrs, doc(cfg(feature = "script")))]
pub mod script {
    // The bytecode's tables (`modsmith_script::bytecode`) are not re-exported: a public
    // path to their `Option` variants makes rustc print `std::option::Option` in every
    // user's diagnostics instead of `Option`. Tools that read bytecode depend on
    // `modsmith-script`.
    pub use modsmith_script::vm::{HostError, ModuleError, PreparedCall};
    pub use modsmith_script::{
        CompileError, ErrorKind, Host, Instance, Limits, LoadError, Program, Script, ScriptError,
        VmError,
    };
}

/// Compiles a module of modsmith's script language to a Rust module of plain functions
/// (feature `script`).
///
/// ```
/// modsmith::script! {
///     /// Pricing rules.
///     pub module pricing {
///         pub record Item { name: str, cents: int, qty: int }
///         pub fn total(items: list[Item], tier: str) -> int {
///             let mut sum = 0;
///             for item in items { sum += item.cents * item.qty; }
///             match tier { "gold" => sum * 90 / 100, _ => sum }
///         }
///     }
/// }
///
/// let items = [pricing::Item { name: "tea".into(), cents: 350, qty: 2 }];
/// assert_eq!(pricing::total(&items, "gold")?, 630);
/// # Ok::<(), modsmith::script::ScriptError>(())
/// ```
///
/// The language's reference is in the `modsmith-script` crate's documentation. The generated
/// code names modsmith through this macro's `$crate`, so it works under any name of the
/// dependency, without a `crate = path`.
#[cfg(feature = "script")]
#[cfg_attr(docsrs, doc(cfg(feature = "script")))]
#[macro_export]
macro_rules! script {
    ($($input:tt)*) => {
        $crate::__private::script::expand! { [$crate] $($input)* }
    };
}

/// Items generated code refers to, one namespace per macro. Not public API: no semver
/// guarantee.
// The one `__private` that generated code names. The runtime defines the namespaces of what
// it owns (`data`, `http`, `instrument`) next to those items, in its own `__private`; this
// module re-exports them whole and adds `template`, because that macro lives in
// `modsmith-macros`, which the runtime must not depend on. Only the facade sees both crates,
// so only here can all namespaces meet; nothing else is added here. (rustc looks for a
// nameable path only one level into a `#[doc(hidden)]` module, so diagnostics name items of
// these namespaces by their defining path, e.g. `modsmith_runtime::validation::checks::range`.)
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "tracing")]
    pub use modsmith_runtime::__private::instrument;
    pub use modsmith_runtime::__private::{adaptive, data, dynamic, http, model, registry};

    /// What `script!` expansions name.
    // `no_inline`: rustdoc would otherwise take these re-exports as where `DynModule` and
    // `Value` live, and label all their methods "available on crate feature `script` only".
    #[cfg(feature = "script")]
    pub mod script {
        pub use modsmith_macros::__script as expand;
        #[doc(no_inline)]
        pub use modsmith_runtime::__private::script::*;
        #[doc(no_inline)]
        pub use modsmith_runtime::dynamic::{BuildError, DynModule, ModuleBuilder};
        pub use modsmith_script::native;
        pub use modsmith_script::rt::*;
        pub use modsmith_script::{LoadError, Program, ScriptError};
        pub use std::borrow::{Cow, ToOwned};
        pub use std::clone::Clone;
        pub use std::collections::BTreeMap;
        pub use std::string::{String, ToString};
        pub use std::vec::Vec;
    }

    /// What `compose!` expands to: its two runs, the chain between them, and what the
    /// composed module names.
    pub mod compose {
        pub use crate::__compose_chain as chain;
        pub use modsmith_macros::{__compose_finish as finish, __compose_start as start};
        pub use modsmith_runtime::__private::compose::*;
    }

    /// What `template!` expands to, and what the macros it defines expand to.
    pub mod template {
        pub use crate::__define_template as define;
        pub use modsmith_macros::__instantiate_template as instantiate;
    }
}

/// Declares the `macro_rules!` of a template that `template!` has checked: `(dollar)
/// [attributes] name { encoded definition } [items after it]`. Not for direct use.
// The declared macro is written here, not by `template!`, for the one token only this crate
// can write: `$crate` in this body names modsmith wherever the declared macro expands, even
// in a crate that does not depend on modsmith by any name (a template's macro, expanded in
// another crate, resolves every other path there). `template!` calls this by the name its
// own crate uses (`crate = path`); nothing else in the declared macro names modsmith. The
// `$` of the declared macro's own matcher is passed in, as a `macro_rules!` body cannot
// write one.
#[doc(hidden)]
#[macro_export]
macro_rules! __define_template {
    (($dollar:tt) [$($attr:tt)*] $name:ident $definition:tt [$($after:tt)*]) => {
        $($attr)*
        macro_rules! $name {
            ($dollar($dollar args:tt)*) => {
                $crate::__private::template::instantiate! { $definition $dollar($dollar args)* }
            };
        }
        $($after)*
    };
}

/// The README's examples, compiled and run as doctests so they cannot drift. They use
/// `script!`, so they run with the `script` feature (`--all-features`, as CI runs them).
#[cfg(all(doctest, feature = "script"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
