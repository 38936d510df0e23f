//! `#[derive(Model)]`, alone and with `#[derive(Data)]`: the shape from the source, `get`
//! and `set` by name (validators run, the old value kept on failure), `from_values` with
//! `#[data]` defaults and every problem at once, `skip` and `rename`.

use std::sync::Arc;

use modsmith::dynamic::Value;
use modsmith::model::{FieldProblem, FieldShape, Model as _, SetError, Values};
use modsmith::{Data, Model};

fn values(pairs: &[(&str, Value)]) -> Values {
    pairs
        .iter()
        .map(|(name, value)| (Arc::from(*name), value.clone()))
        .collect()
}

/// A user of the shop.
#[derive(Data, Model, Debug, Clone, PartialEq)]
#[model(meta(table = "users", schema = "shop"))]
struct User {
    /// Shown on the profile.
    #[data(validate(non_empty))]
    name: String,
    #[data(default = 18, validate(range(min = 0, max = 150)))]
    age: i64,
    #[model(rename = "mail")]
    email: Option<String>,
    #[data(default)]
    #[model(skip)]
    sessions: Vec<u64>,
}

#[derive(Model, Debug, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

fn ada() -> User {
    User::new("Ada".to_owned()).expect("valid")
}

#[test]
fn the_shape_comes_from_the_source() {
    assert_eq!(User::SHAPE.name(), "User");
    let fields: Vec<(&str, &str, &str)> = User::SHAPE
        .fields()
        .iter()
        .map(|field| (field.name(), field.ty(), field.doc()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "String", "Shown on the profile."),
            ("age", "i64", ""),
            ("mail", "Option<String>", ""),
        ]
    );
    assert_eq!(
        User::SHAPE.meta_entries(),
        &[("table", "users"), ("schema", "shop")]
    );
    assert_eq!(
        Point::SHAPE
            .fields()
            .iter()
            .map(FieldShape::name)
            .collect::<Vec<_>>(),
        ["x", "y"]
    );
}

#[test]
fn get_and_set_by_name() {
    let mut user = ada();
    assert_eq!(user.get("name"), Some(Value::from("Ada")));
    assert_eq!(user.get("mail"), Some(Value::Unit));
    assert_eq!(user.get("email"), None, "renamed");
    assert_eq!(user.get("sessions"), None, "skipped");
    user.set("mail", Value::from("ada@example.com")).unwrap();
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
    let mut point = Point { x: 1.0, y: 2.0 };
    point.set("y", Value::Float(3.0)).unwrap();
    assert_eq!(point, Point { x: 1.0, y: 3.0 });
}

#[test]
fn set_runs_the_validators_and_keeps_the_old_value() {
    let mut user = ada();
    let error = user.set("age", Value::Int(200)).unwrap_err();
    assert!(matches!(error, SetError::Invalid(_)), "{error}");
    assert_eq!(user, ada());
    let error = user.set("name", Value::from("")).unwrap_err();
    assert!(matches!(error, SetError::Invalid(_)), "{error}");
    assert_eq!(user.name, "Ada");
    let error = user.set("age", Value::from("old")).unwrap_err();
    assert!(matches!(error, SetError::WrongType { .. }), "{error}");
    let error = user.set("nmae", Value::from("Bob")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`User` has no field `nmae`; did you mean `name`?"
    );
}

#[test]
fn from_values_uses_data_defaults_and_reports_every_problem() {
    let user = User::from_values(&values(&[("name", "Ada".into())])).unwrap();
    assert_eq!(
        user,
        ada(),
        "age from `#[data(default = 18)]`, mail `None`, sessions default"
    );

    let error = User::from_values(&values(&[
        ("age", "old".into()),
        ("nmae", "Ada".into()),
        ("email", "ada@example.com".into()),
    ]))
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot build `User`: 4 problems\n  \
         - `name` is missing (a `String`)\n  \
         - `age`: expected `i64`, found str\n  \
         - `email` is not a field; did you mean `mail`?\n  \
         - `nmae` is not a field; did you mean `name`?"
    );

    let error = User::from_values(&values(&[("name", "".into())])).unwrap_err();
    assert!(
        matches!(error.problems(), [FieldProblem::Invalid(_)]),
        "{error}"
    );
}

#[test]
fn values_round_trip() {
    let mut user = ada();
    user.email = Some("ada@example.com".into());
    let map = user.to_values();
    assert_eq!(map.get("mail"), Some(&Value::from("ada@example.com")));
    assert_eq!(User::from_values(&map).unwrap(), user);
    assert_eq!(
        user.field_values()
            .map(|(field, _)| field.name())
            .collect::<Vec<_>>(),
        ["name", "age", "mail"]
    );
}

#[test]
fn field_ref_borrows_a_field_without_converting_it() {
    let user = ada();
    assert_eq!(
        user.field_ref("name")
            .and_then(|name| name.downcast_ref::<String>()),
        Some(&"Ada".to_owned())
    );
    // By its name in the model, as `get` reads it.
    assert!(user.field_ref("mail").is_some());
    assert!(user.field_ref("email").is_none());
    assert!(user.field_ref("sessions").is_none(), "skipped");
}

/// With serde: the values of a model are the ones serde gives for the same type, names
/// included (`#[serde(rename)]` and `#[serde(rename_all)]`), both ways.
#[cfg(feature = "serde")]
mod serde_agreement {
    use std::sync::Arc;

    use modsmith::Model;
    use modsmith::dynamic::Value;
    use modsmith::model::Model as _;
    use serde::{Deserialize, Serialize};

    #[derive(Model, Serialize, Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Order {
        order_number: i64,
        #[serde(rename = "customer")]
        customer_name: String,
        gift_note: Option<String>,
        lines: Vec<String>,
        paid: bool,
        total: f64,
        #[model(rename = "tag")]
        #[serde(rename = "tag")]
        label: String,
    }

    fn order() -> Order {
        Order {
            order_number: 7,
            customer_name: "Ada".into(),
            gift_note: None,
            lines: vec!["tea".into(), "cake".into()],
            paid: true,
            total: 12.5,
            label: "rush".into(),
        }
    }

    /// serde's own renaming rules (a trailing `_` kept in kebab case) and the serialized
    /// name where `rename` gives two.
    #[derive(Model, Serialize, Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    struct Odd {
        type_: String,
        user_id: i64,
        #[serde(rename(serialize = "out", deserialize = "in"))]
        amount: i64,
    }

    #[test]
    fn names_follow_serdes_rules_exactly() {
        let odd = Odd {
            type_: "a".into(),
            user_id: 1,
            amount: 2,
        };
        let json = serde_json::to_value(&odd).expect("serializable");
        let mut json_keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        json_keys.sort_unstable();
        let mut names: Vec<&str> = Odd::SHAPE
            .fields()
            .iter()
            .map(|field| field.name())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["out", "type-", "user-id"]);
        assert_eq!(names, json_keys);
        assert_eq!(
            Value::from_serde(&odd).expect("serializable"),
            Value::Map(Arc::new(odd.to_values()))
        );
    }

    #[test]
    fn to_values_is_what_serde_gives() {
        let order = order();
        let names: Vec<&str> = Order::SHAPE
            .fields()
            .iter()
            .map(|field| field.name())
            .collect();
        assert_eq!(
            names,
            [
                "orderNumber",
                "customer",
                "giftNote",
                "lines",
                "paid",
                "total",
                "tag"
            ]
        );
        let through_serde = Value::from_serde(&order).expect("serializable");
        assert_eq!(through_serde, Value::Map(Arc::new(order.to_values())));

        let json = serde_json::to_value(&order).expect("serializable");
        let json_keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut value_keys: Vec<&str> = names.clone();
        value_keys.sort_unstable();
        let mut json_keys = json_keys;
        json_keys.sort_unstable();
        assert_eq!(json_keys, value_keys);
    }

    #[test]
    fn from_values_reads_what_serde_writes() {
        let order = order();
        let Value::Map(values) = Value::from_serde(&order).expect("serializable") else {
            panic!("a struct serializes as a map");
        };
        assert_eq!(Order::from_values(&values).expect("valid"), order);
        let json = serde_json::to_string(&order).expect("serializable");
        let from_json: Value = serde_json::from_str(&json).expect("valid JSON");
        let Value::Map(values) = from_json else {
            panic!("an object");
        };
        assert_eq!(Order::from_values(&values).expect("valid"), order);
    }
}
