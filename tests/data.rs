//! Behaviour of `#[derive(Data)]`: what the generated constructors, builder, getters,
//! setters, validation and reflection do when called.

use std::borrow::Cow;

use modsmith::{Data, ValidationError, ValidationErrors};

/// The struct from the issue, with a whole-struct check.
#[derive(Data, Debug, Clone, PartialEq)]
#[data(set, with, validate = Self::check)]
pub struct User {
    /// The name people see.
    #[data(into, validate(length(min = 1, max = 16)))]
    name: String,
    #[data(default = 18, validate(range(min = 13, max = 130)))]
    age: u8,
    #[data(validate(custom = has_at_sign))]
    email: Option<String>,
    #[data(skip(getter))]
    password_hash: String,
}

fn has_at_sign(email: &str) -> Result<(), &'static str> {
    if email.contains('@') {
        Ok(())
    } else {
        Err("has no `@`")
    }
}

impl User {
    fn check(&self) -> Result<(), String> {
        if self.password_hash.contains(self.name.as_str()) && !self.name.is_empty() {
            Err(format!(
                "the password hash contains the name {:?}",
                self.name
            ))
        } else {
            Ok(())
        }
    }
}

#[test]
fn new_takes_required_fields_in_order_and_defaults_the_rest() {
    let user = User::new("ann", "h".to_owned()).unwrap();
    assert_eq!(user.name(), "ann");
    assert_eq!(user.age(), 18);
    assert_eq!(user.email(), None);
}

#[test]
fn builder_sets_optional_fields_and_validates() {
    let user = User::builder()
        .password_hash("h".to_owned())
        .age(30)
        .email("a@b".to_owned())
        .name("bob")
        .build()
        .unwrap();
    assert_eq!(
        (user.name(), user.age(), user.email()),
        ("bob", 30, Some("a@b"))
    );

    let user = User::builder()
        .name("bob")
        .password_hash("h".to_owned())
        .email(None)
        .build()
        .unwrap();
    assert_eq!(user.email(), None);
}

#[test]
fn every_failure_is_reported_at_once_with_its_field() {
    let errors = User::builder()
        .name("")
        .password_hash("h".to_owned())
        .age(7)
        .email("nobody".to_owned())
        .build()
        .unwrap_err();
    let found: Vec<(Option<&str>, &str, &str)> = errors
        .iter()
        .map(|error| (error.field(), error.rule(), error.message()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Some("name"),
                "length",
                "must have between 1 and 16 characters (got 0)"
            ),
            (Some("age"), "range", "must be between 13 and 130 (got 7)"),
            (Some("email"), "custom", "has no `@`"),
        ]
    );
    assert_eq!(
        errors.to_string(),
        "3 validation errors:\n  - name: must have between 1 and 16 characters (got 0)\n  \
         - age: must be between 13 and 130 (got 7)\n  - email: has no `@`"
    );
}

#[test]
fn struct_level_check_runs_after_field_checks() {
    let errors = User::new("ann", "ann-hash".to_owned()).unwrap_err();
    assert_eq!(errors.len(), 1);
    let error = errors.iter().next().unwrap();
    assert_eq!(error.field(), None);
    assert_eq!(
        error.message(),
        "the password hash contains the name \"ann\""
    );
}

#[test]
fn validating_setters_keep_the_old_value_on_failure() {
    let mut user = User::new("ann", "h".to_owned()).unwrap();
    let errors = user.set_age(200).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "validation failed: age: must be between 13 and 130 (got 200)"
    );
    assert_eq!(user.age(), 18);
    user.set_age(40).unwrap();
    assert_eq!(user.age(), 40);

    let user = user.with_name("carol").unwrap();
    assert_eq!(user.name(), "carol");
    assert!(user.clone().with_name("").is_err());

    let mut user = user;
    assert!(user.set_email(Some("no-at".to_owned())).is_err());
    user.set_email(None).unwrap();
    // With a whole-struct check, every setter returns the check's result.
    user.set_password_hash("new".to_owned())
        .expect("still valid");
}

#[test]
fn validate_can_be_called_on_values_built_elsewhere() {
    let mut user = User::new("ann", "h".to_owned()).unwrap();
    assert_eq!(user.validate(), Ok(()));
    user.age = 1; // a value changed behind the setters' back
    assert_eq!(user.validate().unwrap_err().len(), 1);
}

#[test]
fn reflection_lists_fields_in_order() {
    assert_eq!(User::NAME, "User");
    let fields: Vec<(&str, &str, bool, Option<&str>)> = User::FIELDS
        .iter()
        .map(|field| {
            (
                field.name(),
                field.ty(),
                field.is_required(),
                field.default(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "String", true, None),
            ("age", "u8", false, Some("18")),
            ("email", "Option<String>", false, Some("None")),
            ("password_hash", "String", true, None),
        ]
    );
    assert_eq!(User::FIELDS[0].doc(), "The name people see.");
    assert_eq!(User::FIELDS[1].doc(), "");
    assert_eq!(User::field("age").map(|field| field.ty()), Some("u8"));
    assert!(User::field("nope").is_none());
}

/// No validation anywhere: constructors return the value itself.
#[derive(Data, Debug, PartialEq)]
#[data(set, with)]
pub struct Plain {
    id: u64,
    tags: Vec<String>,
    nickname: Option<String>,
    scores: Option<Vec<u32>>,
    boxed: Box<str>,
    ratio: Option<f32>,
    #[data(default)]
    count: usize,
    #[data(default = "anon")]
    label: String,
    #[data(required)]
    parent: Option<u64>,
    pair: (u8, u8),
}

#[test]
fn getters_return_the_natural_borrowed_form() {
    let plain: Plain = Plain::new(7, vec!["a".into()], "b".into(), None, (1, 2));
    let id: u64 = plain.id();
    let tags: &[String] = plain.tags();
    let nickname: Option<&str> = plain.nickname();
    let scores: Option<&[u32]> = plain.scores();
    let boxed: &str = plain.boxed();
    let ratio: Option<f32> = plain.ratio();
    let count: usize = plain.count();
    let label: &str = plain.label();
    let parent: Option<u64> = plain.parent();
    let pair: &(u8, u8) = plain.pair();
    assert_eq!(
        (
            id, tags, nickname, scores, boxed, ratio, count, label, parent, pair
        ),
        (
            7,
            &["a".to_owned()][..],
            None,
            None,
            "b",
            None,
            0,
            "anon",
            None,
            &(1, 2)
        )
    );
}

/// Trait objects whose `+` a getter's `&` would cut short (issue 11's fuzzer): a trailing
/// `+`, and bounds inside `macro_rules!`'s invisible delimiters.
#[derive(Data)]
#[data(set)]
// rustfmt would drop the trailing `+`s under test.
#[rustfmt::skip]
pub struct Objects {
    trailing: Box<dyn std::fmt::Debug +>,
    maybe: Option<Box<dyn std::fmt::Debug + Send +>>,
}

macro_rules! boxed_object {
    ($object:ty) => {
        #[derive(Data)]
        pub struct Boxed {
            object: Box<$object>,
        }
    };
}

boxed_object!(dyn std::fmt::Debug + Send);

#[test]
fn getters_of_trait_objects_keep_their_bounds() {
    let mut objects = Objects::new(Box::new(1u8));
    objects.set_maybe(Some(Box::new("two")));
    let trailing: &dyn std::fmt::Debug = objects.trailing();
    let maybe: Option<&(dyn std::fmt::Debug + Send)> = objects.maybe();
    assert_eq!(format!("{trailing:?} {maybe:?}"), "1 Some(\"two\")");
    let boxed = Boxed::new(Box::new(3u8));
    let object: &(dyn std::fmt::Debug + Send) = boxed.object();
    assert_eq!(format!("{object:?}"), "3");
}

#[test]
fn required_option_fields_are_parameters_and_setters_chain() {
    let plain = Plain::builder()
        .id(1)
        .tags(Vec::new())
        .boxed("x".into())
        .parent(Some(3))
        .pair((0, 0))
        .label("named".to_owned())
        .scores(vec![1, 2])
        .build();
    assert_eq!(plain.parent(), Some(3));
    assert_eq!(plain.label(), "named");
    assert_eq!(plain.scores(), Some(&[1, 2][..]));
    let plain = plain.with_count(5).with_ratio(Some(0.5));
    assert_eq!((plain.count(), plain.ratio()), (5, Some(0.5)));
    assert_eq!(Plain::FIELDS[6].default(), Some("Default::default()"));
    assert_eq!(Plain::FIELDS[7].default(), Some("\"anon\""));
    assert!(Plain::FIELDS[8].is_required());
}

/// Generics, lifetimes, const generics, where clauses and field visibility.
#[derive(Data, Debug)]
pub struct Window<'a, T, const N: usize>
where
    T: Clone + std::fmt::Debug,
{
    pub title: &'a str,
    items: [T; N],
    #[data(validate(non_empty))]
    selected: Vec<T>,
    extra: Option<T>,
}

#[test]
fn generics_lifetimes_and_where_clauses_work() {
    let window = Window::new("w", [1u8, 2], vec![1]).unwrap();
    // A shared reference field is returned as it is, not as `&&str`.
    let title: &str = window.title();
    assert_eq!(title, "w");
    assert_eq!(window.items(), &[1, 2]);
    assert_eq!(window.selected(), &[1]);
    assert_eq!(window.extra(), None);
    let built = Window::builder()
        .title("t")
        .items(["x".to_owned()])
        .selected(Vec::new())
        .extra("e".to_owned())
        .build();
    let errors = built.unwrap_err();
    assert_eq!(errors.iter().next().unwrap().rule(), "non_empty");
    assert_eq!(Window::<u8, 2>::FIELDS[1].ty(), "[T; N]");
    assert_eq!(Window::<u8, 2>::FIELDS[0].ty(), "&'a str");
}

/// A struct-level check may return one `ValidationError` or several.
#[derive(Data, Debug)]
#[data(validate = Range::ordered)]
pub struct Range {
    #[data(validate(range(min = -10, max = 10)))]
    start: i32,
    #[data(validate(range(max = 10)))]
    end: i32,
}

impl Range {
    fn ordered(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.start > self.end {
            errors.push(ValidationError::for_field(
                "start",
                "must not be after `end`",
            ));
            errors.push(ValidationError::new(Cow::Borrowed("the range is empty")));
        }
        errors.into_result()
    }
}

#[test]
fn struct_checks_can_report_several_errors() {
    assert!(Range::new(1, 2).is_ok());
    let errors = Range::new(-20, -30).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "start: must be between -10 and 10 (got -20)",
            "start: must not be after `end`",
            "the range is empty",
        ]
    );
    assert_eq!(errors.for_field("start").count(), 2);
    let errors = Range::new(0, 11).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "validation failed: end: must be at most 10 (got 11)"
    );
}

#[derive(Data, Debug, PartialEq)]
pub struct Marker;

#[test]
fn unit_structs_have_a_constructor_and_no_fields() {
    assert_eq!(Marker::new(), Marker);
    assert_eq!(Marker::builder().build(), Marker);
    assert!(Marker::FIELDS.is_empty());
}

#[derive(Data, Debug)]
pub struct Lengths {
    #[data(validate(length(min = 2, max = 2)))]
    code: String,
    #[data(validate(length(max = 3), non_empty))]
    items: Vec<u8>,
    #[data(validate(length(min = 1)))]
    note: Option<String>,
}

#[test]
fn length_counts_characters_and_elements() {
    assert!(Lengths::new("ü€".to_owned(), vec![1]).is_ok());
    let errors = Lengths::builder()
        .code("abc".to_owned())
        .items(Vec::new())
        .note(String::new())
        .build()
        .unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "code: must have exactly 2 characters (got 3)",
            "items: must not be empty",
            "note: must have at least 1 character (got 0)",
        ]
    );
    let errors = Lengths::new("ab".to_owned(), vec![1, 2, 3, 4]).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "validation failed: items: must have at most 3 elements (got 4)"
    );
}

mod renamed {
    // The facade reached through another path, as after `package = "modsmith"` renames.
    pub use modsmith as other_name;
}

#[derive(modsmith::Data)]
#[data(crate = renamed::other_name)]
pub struct Renamed {
    value: u8,
}

#[test]
fn crate_option_changes_the_runtime_path() {
    assert_eq!(Renamed::new(3).value(), 3);
    assert_eq!(<Renamed as Data>::NAME, "Renamed");
}

modsmith::data_module! {
    /// Shapes built from a field list.
    pub mod geometry {
        /// A point.
        #[derive(Debug, Clone, Copy, PartialEq)]
        Point { x: f64, y: f64 },
        #[derive(Debug)]
        #[data(validate = Size::not_degenerate)]
        Size { w: f64, h: f64 },
        pub(crate) struct Labelled<T> where T: Clone {
            pub label: T,
            #[data(default)]
            weight: u32,
        },
    }
}

impl geometry::Size {
    fn not_degenerate(&self) -> Result<(), &'static str> {
        if self.w() * self.h() == 0.0 {
            Err("size is degenerate")
        } else {
            Ok(())
        }
    }
}

#[test]
fn data_module_builds_a_module_of_data_structs() {
    let point = geometry::Point::new(1.0, 2.0);
    assert_eq!(point, geometry::Point::builder().x(1.0).y(2.0).build());
    assert_eq!(geometry::Point::FIELDS.len(), 2);
    assert_eq!(
        geometry::Size::new(0.0, 1.0).unwrap_err().to_string(),
        "validation failed: size is degenerate"
    );
    let labelled = geometry::Labelled::new("l");
    assert_eq!((labelled.label, labelled.weight()), ("l", 0));
    assert_eq!(geometry::Labelled::<u8>::NAME, "Labelled");
}

/// Raw identifiers, and field names equal to the generated code's own locals.
#[derive(Data, Debug)]
#[data(set)]
pub struct Keywords {
    r#type: String,
    #[data(validate(range(max = 9)))]
    value: u8,
    errors: Vec<u8>,
    values: Option<u8>,
}

#[test]
fn raw_identifiers_and_local_names_do_not_collide() {
    let mut keywords = Keywords::new("kind".to_owned(), 3, vec![1]).unwrap();
    assert_eq!(
        (keywords.r#type(), keywords.value(), keywords.errors()),
        ("kind", 3, &[1][..])
    );
    keywords.set_type("other".to_owned());
    assert!(keywords.set_value(10).is_err());
    assert_eq!(Keywords::FIELDS[0].name(), "type");
    let built = Keywords::builder()
        .r#type(String::new())
        .value(1)
        .errors(Vec::new())
        .values(2)
        .build();
    assert_eq!(built.unwrap().values(), Some(2));
}

/// Shapes of fields and options that generated code must carry through as they are.
#[derive(Data)]
#[data(set, validate = <Self as Checked>::check)]
pub struct Node {
    label: String,
    line1: u8,
    line_1: u8,
    _private: u8,
    #[data(default = Self::DEFAULT_WEIGHT, validate(range(min = 0.0, max = 1.0)))]
    weight: f64,
    #[data(default = "root")]
    parent: Option<String>,
    next: Option<Box<Self>>,
    callback: Option<Box<dyn Fn(u8) -> u8 + Send + Sync>>,
    #[data(validate(range(max = std::time::Duration::from_secs(60))))]
    timeout: Option<std::time::Duration>,
    #[data(validate(length(max = 2)))]
    tags: Tags,
}

/// A user collection that the length validators accept once it implements `HasLength`.
#[derive(Default)]
pub struct Tags(Vec<String>);

impl modsmith::HasLength for Tags {
    fn length(&self) -> usize {
        self.0.len()
    }
}

trait Checked {
    fn check(&self) -> Result<(), &str>;
}

impl Checked for Node {
    fn check(&self) -> Result<(), &str> {
        if self.label == "bad" {
            Err(self.label.as_str())
        } else {
            Ok(())
        }
    }
}

impl Node {
    const DEFAULT_WEIGHT: f64 = 0.5;
}

#[test]
fn self_trait_objects_and_similar_names_carry_through() {
    let leaf = Node::new("leaf".to_owned(), 1, 2, 3, Tags::default()).unwrap();
    assert_eq!((leaf.line1(), leaf.line_1(), leaf._private()), (1, 2, 3));
    assert_eq!((leaf.weight(), leaf.parent()), (0.5, Some("root")));
    let root = Node::builder()
        .label("root".to_owned())
        .line1(0)
        .line_1(0)
        ._private(0)
        .tags(Tags(vec!["a".to_owned()]))
        .next(Box::new(leaf))
        .callback(Box::new(|x: u8| x + 1) as Box<dyn Fn(u8) -> u8 + Send + Sync>)
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .unwrap();
    assert_eq!(root.next().map(|next| next.label()), Some("leaf"));
    assert_eq!(root.callback().map(|callback| callback(1)), Some(2));
    assert_eq!(root.weight(), 0.5);
    let mut root = root;
    root.set__private(9).expect("the struct check passes");
    assert_eq!(root._private(), 9);
}

#[test]
fn nan_and_non_static_messages_and_user_collections_are_checked() {
    let built = Node::builder()
        .label("bad".to_owned())
        .line1(0)
        .line_1(0)
        ._private(0)
        .tags(Tags(vec![String::new(); 3]))
        .weight(f64::NAN)
        .timeout(std::time::Duration::from_secs(61))
        .build();
    let Err(errors) = built else {
        panic!("NaN, a long timeout, three tags and a bad label must be rejected");
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "weight: must be between 0.0 and 1.0 (got NaN)",
            "timeout: must be at most 60s (got 61s)",
            "tags: must have at most 2 elements (got 3)",
            "bad",
        ]
    );
}

/// A range whose bounds are checked together by the struct's own check.
#[derive(Data, Debug, Clone, PartialEq)]
#[data(set, with, validate = Self::low_below_high)]
pub struct Span {
    #[data(validate(range(max = 1000)))]
    pub low: u32,
    pub high: u32,
}

impl Span {
    fn low_below_high(&self) -> Result<(), String> {
        if self.low <= self.high {
            Ok(())
        } else {
            Err(format!("low {} is above high {}", self.low, self.high))
        }
    }
}

#[test]
fn setters_run_the_struct_check_and_keep_the_old_value_on_failure() {
    let mut span = Span::new(10, 20).expect("valid");
    // A field without validators of its own is still checked with the whole struct.
    let refused = span.set_low(50).expect_err("50 is above high");
    assert!(
        refused.to_string().contains("low 50 is above high 20"),
        "{refused}"
    );
    assert_eq!(span.low(), 10, "the old value is kept");
    let refused = span.set_high(5).expect_err("5 is below low");
    assert!(refused.to_string().contains("above high"), "{refused}");
    assert_eq!(span.high(), 20);
    // The field's own validators run first; the struct check sees only values that pass them.
    let refused = span.set_low(2000).expect_err("above the field's range");
    assert_eq!(refused.len(), 1, "{refused}");
    assert!(refused.to_string().contains("low"), "{refused}");
    span.set_low(15).expect("15 fits");
    assert_eq!(span.low(), 15);
    let span = span.with_high(30).expect("30 fits");
    assert!(span.clone().with_low(31).is_err());
    assert_eq!(span, Span::new(15, 30).expect("valid"));
}

/// The builder's start can be named: `{Struct}Builder` alone.
fn start_user_builder() -> UserBuilder {
    User::builder()
}

#[test]
fn the_builders_start_type_can_be_written() {
    let first = start_user_builder()
        .name("ann")
        .password_hash("h".to_owned())
        .build();
    let second = User::builder()
        .name("ann")
        .password_hash("h".to_owned())
        .build();
    assert_eq!(first.expect("valid").name(), second.expect("valid").name());
}

/// `builder = Name`: a module that already has a type named `{Struct}Builder`.
mod builder_renamed {
    pub struct ConfigBuilder;

    #[derive(modsmith::Data)]
    #[data(builder = ConfigFactory)]
    pub struct Config {
        pub name: String,
        #[data(default = 3)]
        pub retries: u8,
    }

    pub fn both() -> (ConfigBuilder, ConfigFactory) {
        (ConfigBuilder, Config::builder())
    }
}

#[test]
fn a_builder_can_be_renamed() {
    let (_, factory) = builder_renamed::both();
    let config = factory.name("db".to_owned()).retries(5).build();
    assert_eq!((config.name(), config.retries()), ("db", 5));
}

/// Neither `Clone` nor `Debug`.
pub struct Opaque;

/// `builder(derive(Clone, Debug))`: opt-in, as with bon.
#[derive(Data, Debug, Clone, PartialEq)]
#[data(builder(derive(Clone, Debug)))]
pub struct Account {
    name: String,
    #[data(default = 18)]
    age: u8,
    email: Option<String>,
    password_hash: String,
}

/// Not `Clone` nor `Debug`: a builder holding one has neither, even when asked.
#[derive(Data)]
#[data(builder(name = HolderFactory, derive(Clone, Debug)))]
pub struct Holder {
    pub opaque: Opaque,
}

#[test]
fn builders_are_clone_and_debug_when_asked_and_their_fields_are() {
    let half = Account::builder().name("ann".to_owned());
    let copy = half.clone();
    assert_eq!(
        format!("{copy:?}"),
        "AccountBuilder { name: Some(\"ann\"), age: None, email: None, password_hash: None }"
    );
    let account = copy.password_hash("h".to_owned()).build();
    assert_eq!(account.name(), "ann");
    // The original is untouched by what the clone was given.
    assert!(format!("{half:?}").contains("password_hash: None"));
    // Without `Clone`/`Debug` fields, the builder still builds.
    let factory: HolderFactory = Holder::builder();
    let holder = factory.opaque(Opaque).build();
    let _: &Opaque = holder.opaque();
}

/// `#[data(deserialize)]`: serde reads the fields, then every validator and the struct check
/// run, and a failure is one deserialization error listing each rule broken.
#[cfg(feature = "serde")]
mod deserialize {
    use modsmith::Data;

    #[derive(Data, Debug, PartialEq)]
    #[data(deserialize, with, validate = Self::check)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct Signup {
        #[data(validate(length(min = 1, max = 16)))]
        user_name: String,
        #[data(validate(range(min = 13)))]
        age: u8,
        #[serde(default, alias = "mail")]
        #[data(validate(custom = super::has_at_sign))]
        email: Option<String>,
        #[serde(skip)]
        #[data(default)]
        visits: u32,
    }

    impl Signup {
        fn check(&self) -> Result<(), &'static str> {
            if self.user_name == "admin" && self.age < 18 {
                Err("an admin must be an adult")
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn valid_input_deserializes_with_serde_attributes_applied() {
        let signup: Signup =
            serde_json::from_str(r#"{"userName": "ann", "age": 30, "mail": "a@b"}"#).unwrap();
        assert_eq!(
            signup,
            Signup::new("ann".to_owned(), 30)
                .unwrap()
                .with_email(Some("a@b".to_owned()))
                .unwrap()
        );
        assert_eq!(signup.visits(), 0);
    }

    #[test]
    fn invalid_input_fails_with_every_error_at_once() {
        let error =
            serde_json::from_str::<Signup>(r#"{"userName": "", "age": 7, "email": "none"}"#)
                .unwrap_err()
                .to_string();
        assert_eq!(
            error,
            "3 validation errors: user_name: must have between 1 and 16 characters (got 0); \
             age: must be at least 13 (got 7); email: has no `@`"
        );
        let error = serde_json::from_str::<Signup>(r#"{"userName": "admin", "age": 15}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(error, "validation failed: an admin must be an adult");
    }

    #[test]
    fn serde_errors_name_the_struct_and_keep_serde_rules() {
        let error = serde_json::from_str::<Signup>(r#"{"userName": "ann"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(error, "missing field `age` at line 1 column 19");
        let error = serde_json::from_str::<Signup>(r#"{"userName": "ann", "age": 20, "x": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("unknown field `x`"), "{error}");
        let error = serde_json::from_str::<Signup>("3").unwrap_err().to_string();
        assert!(error.contains("expected struct Signup"), "{error}");
    }

    modsmith::data_module! {
        mod shop {
            #[derive(Debug)]
            #[data(deserialize)]
            #[serde(rename_all = "camelCase")]
            Item {
                #[data(validate(non_empty))]
                item_name: String,
                #[serde(default)]
                price_cents: u32,
            },
        }
    }

    #[test]
    fn data_module_entries_deserialize_and_validate() {
        let item: shop::Item = serde_json::from_str(r#"{"itemName": "tea"}"#).unwrap();
        assert_eq!((item.item_name(), item.price_cents()), ("tea", 0));
        let error = serde_json::from_str::<shop::Item>(r#"{"itemName": ""}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(error, "validation failed: item_name: must not be empty");
    }

    /// Generic structs, `Self` in a field type, and a struct renamed for serde.
    #[derive(Data, Debug)]
    #[data(deserialize)]
    #[serde(rename = "Node")]
    pub struct Tree<T> {
        #[data(validate(length(max = 2)))]
        children: Vec<Box<Self>>,
        value: T,
    }

    #[test]
    fn generic_structs_deserialize_and_validate() {
        let tree: Tree<u8> =
            serde_json::from_str(r#"{"value": 1, "children": [{"value": 2, "children": []}]}"#)
                .unwrap();
        assert_eq!(tree.children()[0].value(), &2);
        let error = serde_json::from_str::<Tree<u8>>(
            r#"{"value": 1, "children": [
                {"value": 2, "children": []},
                {"value": 3, "children": []},
                {"value": 4, "children": []}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("validation failed: children: must have at most 2 elements (got 3)"),
            "{error}"
        );
        let error = serde_json::from_str::<Tree<u8>>("3")
            .unwrap_err()
            .to_string();
        // `expecting` names the Rust type; `rename` only what formats see.
        assert!(error.contains("expected struct Tree"), "{error}");
    }
}

/// `#[data(with)]` alone: the `with_*` methods run the field's validators themselves, with
/// no `set_*` to call.
#[derive(Data, Debug, PartialEq)]
#[data(with)]
pub struct Label {
    #[data(validate(non_empty, length(max = 8)))]
    text: String,
    width: u16,
}

#[test]
fn with_methods_alone_validate_and_chain() {
    let label = Label::new("ok".to_owned(), 3).expect("valid");
    let label = label.with_text("fine".to_owned()).expect("valid text");
    assert_eq!(label.text(), "fine");
    let errors = label
        .with_text(String::new())
        .expect_err("an empty text is refused");
    assert_eq!(
        errors.iter().next().and_then(|error| error.field()),
        Some("text")
    );
    // A field with no validators, in a struct with no whole-struct check, cannot fail.
    let label: Label = Label::new("a".to_owned(), 1).expect("valid").with_width(9);
    assert_eq!(label.width(), 9);
}
