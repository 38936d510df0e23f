//! The runtime of models (`modsmith::model`), through a hand-written `Model` impl built on
//! the helpers generated code will call: `get`, `set` with validation that keeps the old
//! value, `from_values` reporting every problem at once, `to_values`, `field_values`.

#[path = "support/proptest_config.rs"]
mod proptest_config;

use std::sync::Arc;

use modsmith::__private::model as support;
use modsmith::dynamic::Value;
use modsmith::model::{FieldProblem, FieldShape, Model, SetError, Shape, Values, ValuesError};
use modsmith::{ValidationError, ValidationErrors};

#[derive(Debug, Clone, PartialEq)]
struct User {
    name: String,
    age: i64,
    admin: bool,
}

static FIELDS: [FieldShape; 3] = [
    FieldShape::new("name", "String", "The user's name."),
    FieldShape::new("age", "i64", ""),
    FieldShape::new("admin", "bool", "Defaults to `false`."),
];

const SHAPE: Shape = Shape::new("User", &FIELDS, &[("table", "users")]);

impl User {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.name.is_empty() {
            errors.push(ValidationError::for_field("name", "must not be empty"));
        }
        if !(0..=150).contains(&self.age) {
            errors.push(ValidationError::for_field("age", "must be within 0..=150"));
        }
        errors.into_result()
    }
}

impl Model for User {
    const SHAPE: Shape = SHAPE;

    fn get(&self, field: &str) -> Option<Value> {
        match field {
            "name" => Some(Value::from(self.name.clone())),
            "age" => Some(Value::Int(self.age)),
            "admin" => Some(Value::Bool(self.admin)),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Value) -> Result<(), SetError> {
        macro_rules! set {
            ($field:ident, $index:literal) => {{
                let new = support::convert(&value, &SHAPE, $index)?;
                let old = std::mem::replace(&mut self.$field, new);
                if let Err(errors) = self.validate() {
                    self.$field = old;
                    return Err(SetError::Invalid(errors));
                }
                Ok(())
            }};
        }
        match field {
            "name" => set!(name, 0),
            "age" => set!(age, 1),
            "admin" => set!(admin, 2),
            _ => Err(support::unknown_field(&SHAPE, field)),
        }
    }

    fn from_values(values: &Values) -> Result<Self, ValuesError> {
        let mut problems = Vec::new();
        let name = support::take(values, &SHAPE, 0, &mut problems);
        let age = support::take(values, &SHAPE, 1, &mut problems);
        let admin = support::take_or_else(values, &SHAPE, 2, &mut problems, || false);
        support::unknown(values, &SHAPE, &mut problems);
        support::finish(&SHAPE, problems)?;
        let (Some(name), Some(age), Some(admin)) = (name, age, admin) else {
            unreachable!("finish reports every field that did not read");
        };
        let user = User { name, age, admin };
        match user.validate() {
            Ok(()) => Ok(user),
            Err(errors) => {
                support::finish(&SHAPE, vec![FieldProblem::Invalid(errors)]).map(|()| user)
            }
        }
    }
}

fn values(pairs: &[(&str, Value)]) -> Values {
    pairs
        .iter()
        .map(|(name, value)| (Arc::from(*name), value.clone()))
        .collect()
}

fn ada() -> User {
    User {
        name: "Ada".into(),
        age: 36,
        admin: false,
    }
}

#[test]
fn the_shape_is_a_constant() {
    assert_eq!(User::SHAPE.name(), "User");
    assert_eq!(
        User::SHAPE
            .fields()
            .iter()
            .map(FieldShape::name)
            .collect::<Vec<_>>(),
        ["name", "age", "admin"]
    );
    assert_eq!(
        User::SHAPE.field("name").map(FieldShape::doc),
        Some("The user's name.")
    );
    assert_eq!(User::SHAPE.meta("table"), Some("users"));
    assert_eq!(User::SHAPE.meta("schema"), None);
}

#[test]
fn get_and_set_by_name() {
    let mut user = ada();
    assert_eq!(user.get("name"), Some(Value::from("Ada")));
    assert_eq!(user.get("nmae"), None);
    user.set("age", Value::Int(37)).unwrap();
    assert_eq!(user.age, 37);
}

#[test]
fn a_refused_set_keeps_the_old_value() {
    let mut user = ada();
    let error = user.set("age", Value::Int(200)).unwrap_err();
    assert!(matches!(error, SetError::Invalid(_)), "{error}");
    assert_eq!(
        error.to_string(),
        "validation failed: age: must be within 0..=150; the field keeps its old value"
    );
    assert_eq!(user, ada());

    let error = user.set("age", Value::from("old")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`User.age` cannot be set to this value: expected `i64`, found str"
    );
    assert_eq!(user, ada());

    let error = user.set("nmae", Value::from("Bob")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`User` has no field `nmae`; did you mean `name`?"
    );
}

#[test]
fn from_values_reports_every_problem_at_once() {
    let error = User::from_values(&values(&[
        ("age", Value::from("thirty")),
        ("nmae", Value::from("Ada")),
        ("email", Value::from("ada@example.com")),
    ]))
    .unwrap_err();
    assert_eq!(error.model(), "User");
    assert_eq!(error.problems().len(), 4, "{error}");
    assert_eq!(
        error.to_string(),
        "cannot build `User`: 4 problems\n  \
         - `name` is missing (a `String`)\n  \
         - `age`: expected `i64`, found str\n  \
         - `email` is not a field\n  \
         - `nmae` is not a field; did you mean `name`?"
    );
}

#[test]
fn from_values_fills_defaults_and_validates() {
    let user = User::from_values(&values(&[("name", "Ada".into()), ("age", 36.into())])).unwrap();
    assert_eq!(user, ada());
    let error = User::from_values(&values(&[("name", "".into()), ("age", 36.into())])).unwrap_err();
    assert!(
        matches!(error.problems(), [FieldProblem::Invalid(_)]),
        "{error}"
    );
}

#[test]
fn to_values_and_field_values_round_trip() {
    let user = ada();
    let map = user.to_values();
    assert_eq!(map.get("age"), Some(&Value::Int(36)));
    assert_eq!(User::from_values(&map).unwrap(), user);
    let listed: Vec<(&str, Value)> = user
        .field_values()
        .map(|(field, value)| (field.name(), value))
        .collect();
    assert_eq!(
        listed,
        [
            ("name", Value::from("Ada")),
            ("age", Value::Int(36)),
            ("admin", Value::Bool(false))
        ]
    );
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn any_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Unit),
            any::<bool>().prop_map(Value::Bool),
            (-5_i64..200).prop_map(Value::Int),
            "[a-z]{0,3}".prop_map(Value::from),
        ]
    }

    proptest! {
        #![proptest_config(crate::proptest_config::config())]

        /// Any map builds a valid user or reports each problem; no panic, and an unknown
        /// name is always among the problems.
        #[test]
        fn any_values_build_or_report(
            pairs in proptest::collection::vec(("(name|age|admin|nmae|x)", any_value()), 0..5),
        ) {
            let map: Values = pairs.into_iter().map(|(name, value)| (Arc::from(name.as_str()), value)).collect();
            match User::from_values(&map) {
                Ok(user) => {
                    prop_assert!(user.validate().is_ok());
                    prop_assert!(map.keys().all(|name| User::SHAPE.field(name).is_some()));
                }
                Err(error) => {
                    let unknown = map.keys().filter(|name| User::SHAPE.field(name).is_none()).count();
                    let reported = error.problems().iter().filter(|problem| matches!(problem, FieldProblem::Unknown { .. })).count();
                    prop_assert_eq!(unknown, reported);
                    prop_assert!(!error.problems().is_empty());
                }
            }
        }
    }
}
