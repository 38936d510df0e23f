// Generated code works without the prelude, next to user items named like prelude items
// and like its own bindings.
#![no_implicit_prelude]

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct Vec;
#[allow(dead_code)]
struct String;

#[allow(non_upper_case_globals, dead_code)]
const field: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const value: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const values: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const shape: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const problems: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const old: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const model: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const errors: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const field_0: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const before: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const result: u8 = 0;
#[allow(non_upper_case_globals, dead_code)]
const new_value: u8 = 0;

#[derive(::modsmith::Data, ::modsmith::Model)]
#[model(meta(table = "users"))]
struct User {
    #[data(validate(non_empty))]
    name: ::std::string::String,
    #[data(default = 18)]
    age: i64,
    email: ::core::option::Option<::std::string::String>,
}

#[derive(::modsmith::Model)]
struct Empty {}

trait Plugin {
    fn owner(&self) -> &str;
}

// A kind, both hooks, and `Data`'s constructors and setters calling them.
#[derive(::modsmith::Data, ::modsmith::Model)]
#[data(set, with)]
#[model(kind = dyn Plugin, name = "Account", on_create = created, on_change = changed)]
struct Hooked {
    #[data(validate(non_empty))]
    owner: ::std::string::String,
    #[data(default = 0)]
    cents: i64,
}

impl Plugin for Hooked {
    fn owner(&self) -> &str {
        &self.owner
    }
}

fn created(_: &Hooked) {}

fn changed(
    _: &Hooked,
    _: &str,
    _: &::modsmith::dynamic::Value,
    _: &::modsmith::dynamic::Value,
) {
}

fn main() {
    use ::core::convert::From;
    use ::modsmith::model::Model as _;
    let mut user = User::from_values(&::core::iter::FromIterator::from_iter([(
        <::std::sync::Arc<str> as From<&str>>::from("name"),
        <::modsmith::dynamic::Value as From<&str>>::from("Ada"),
    )]))
    .unwrap();
    user.set("age", ::modsmith::dynamic::Value::Int(30)).unwrap();
    ::std::assert_eq!(user.age, 30);
    ::std::assert!(user.set("name", <::modsmith::dynamic::Value as From<&str>>::from("")).is_err());
    ::std::assert_eq!(
        user.get("name"),
        ::core::option::Option::Some(<::modsmith::dynamic::Value as From<&str>>::from("Ada"))
    );
    ::std::assert!(Empty::from_values(&::std::collections::BTreeMap::new()).is_ok());

    let mut hooked = Hooked::new(<::std::string::String as From<&str>>::from("Ada")).unwrap();
    hooked.set_cents(5);
    let hooked = hooked.with_cents(6);
    ::std::assert_eq!(hooked.cents, 6);
    let plugin = ::modsmith::registry::of::<dyn Plugin>()
        .create("Account", &::modsmith::model::Model::to_values(&hooked))
        .unwrap();
    ::std::assert_eq!(plugin.owner(), "Ada");
}
