//! The model registry (`modsmith::registry`): models from two modules of this test binary
//! listed, found by name and built from values; the start-up check; kinds (`kind = dyn
//! Trait`) listed and created as trait objects; and the lifecycle hooks, run by `Model`'s
//! own methods and by the constructors and setters `Data` generates.

use std::cell::RefCell;
use std::sync::Arc;

use modsmith::dynamic::Value;
use modsmith::model::{DynModel, FieldProblem, Model as _, Values};
use modsmith::registry::{self, KindError, LookupError};

fn values(pairs: &[(&str, Value)]) -> Values {
    pairs
        .iter()
        .map(|(name, value)| (Arc::from(*name), value.clone()))
        .collect()
}

/// What an exporter plugin does.
pub trait Exporter {
    fn export(&self, rows: &[i64]) -> String;
}

mod shop {
    use super::Exporter;
    use modsmith::Model;

    #[derive(Model, Debug, PartialEq)]
    #[model(meta(table = "customers"))]
    pub struct Customer {
        pub name: String,
        pub age: i64,
    }

    #[derive(Model)]
    #[model(kind = dyn Exporter)]
    pub struct Csv {
        pub separator: String,
    }

    impl Exporter for Csv {
        fn export(&self, rows: &[i64]) -> String {
            let cells: Vec<String> = rows.iter().map(i64::to_string).collect();
            cells.join(&self.separator)
        }
    }
}

mod billing {
    use super::Exporter;
    use modsmith::Model;

    #[derive(Model, Debug)]
    pub struct Invoice {
        pub number: i64,
        pub paid: bool,
    }

    #[derive(Model)]
    #[model(kind = dyn Exporter, name = "Json")]
    pub struct JsonExporter {
        pub pretty: bool,
    }

    impl Exporter for JsonExporter {
        fn export(&self, rows: &[i64]) -> String {
            let cells: Vec<String> = rows.iter().map(i64::to_string).collect();
            let separator = if self.pretty { ", " } else { "," };
            format!("[{}]", cells.join(separator))
        }
    }
}

#[test]
fn models_of_two_modules_are_listed() {
    let mut names: Vec<(&str, &str)> = registry::models()
        .iter()
        .map(|model| (model.name(), model.type_path()))
        .filter(|(name, _)| ["Customer", "Csv", "Invoice", "Json"].contains(name))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("Csv", "model_registry::shop::Csv"),
            ("Customer", "model_registry::shop::Customer"),
            ("Invoice", "model_registry::billing::Invoice"),
            ("Json", "model_registry::billing::JsonExporter"),
        ]
    );
}

#[test]
fn a_model_is_found_by_name_and_built_from_values() {
    let customer = registry::get("Customer").expect("registered");
    assert_eq!(customer.shape().meta("table"), Some("customers"));
    let built = customer
        .create(&values(&[("name", "Ada".into()), ("age", Value::Int(36))]))
        .expect("valid values");
    assert_eq!(built.get("name"), Some(Value::from("Ada")));
    let built: Box<shop::Customer> = built.downcast().expect("a Customer");
    assert_eq!(
        *built,
        shop::Customer {
            name: "Ada".into(),
            age: 36
        }
    );
}

#[test]
fn building_by_name_reports_every_bad_field() {
    let error = registry::get("Customer")
        .expect("registered")
        .create(&values(&[("nmae", "Ada".into()), ("age", "old".into())]))
        .unwrap_err();
    assert_eq!(error.problems().len(), 3, "{error}");
    assert!(matches!(
        error.problems(),
        [
            FieldProblem::Missing { field: "name", .. },
            FieldProblem::WrongType { field: "age", .. },
            FieldProblem::Unknown {
                suggestion: Some("name"),
                ..
            },
        ]
    ));
}

#[test]
fn an_unknown_name_gets_the_closest() {
    let error = registry::get("Custmer").unwrap_err();
    assert_eq!(
        error,
        LookupError::Unknown {
            name: "Custmer".into(),
            suggestion: Some("Customer")
        }
    );
    assert_eq!(
        error.to_string(),
        "no model is registered as `Custmer`; did you mean `Customer`?"
    );
}

#[test]
fn the_start_up_check_names_what_is_missing_and_why() {
    registry::expect(["Customer", "Invoice"]).expect("both registered");
    let error = registry::expect(["Customer", "Order", "Invoce"]).unwrap_err();
    assert_eq!(error.missing(), ["Order", "Invoce"]);
    assert!(error.duplicates().is_empty());
    let message = error.to_string();
    assert!(
        message.starts_with(
            "the model `Order` is not registered\n\
             the model `Invoce` is not registered (did you mean `Invoice`?); a model registers \
             when `#[derive(Model)]` is on its type and its crate is linked into the program"
        ),
        "{message}"
    );
    assert!(message.contains("`use the_crate as _;`"), "{message}");
}

#[test]
fn a_kind_lists_its_models_and_creates_them_as_the_trait() {
    let exporters = registry::of::<dyn Exporter>();
    let mut names: Vec<&str> = exporters.names().collect();
    names.sort();
    assert_eq!(names, ["Csv", "Json"]);

    let csv = exporters
        .create("Csv", &values(&[("separator", ";".into())]))
        .expect("valid values");
    assert_eq!(csv.export(&[1, 2, 3]), "1;2;3");
    let json = exporters
        .create("Json", &values(&[("pretty", true.into())]))
        .expect("valid values");
    assert_eq!(json.export(&[1, 2]), "[1, 2]");
}

#[test]
fn a_kind_refuses_names_outside_it_and_bad_values() {
    let exporters = registry::of::<dyn Exporter>();
    // `Customer` is registered, but not as an exporter.
    let error = exporters
        .create("Customer", &Values::new())
        .err()
        .expect("not an exporter");
    assert!(matches!(error, KindError::Lookup { .. }));
    assert_eq!(
        error.to_string(),
        "no model of the kind `dyn model_registry::Exporter` is registered as `Customer`; \
         the models of this kind are `Csv`, `Json`"
    );
    let error = exporters
        .create("Csx", &Values::new())
        .err()
        .expect("unknown");
    assert!(
        error.to_string().ends_with("did you mean `Csv`?"),
        "{error}"
    );
    let error = exporters
        .create("Csv", &Values::new())
        .err()
        .expect("no separator");
    assert!(matches!(error, KindError::Values(_)), "{error}");
}

/// A kind no model registers under.
trait Unused {}

#[test]
fn an_empty_kind_says_so() {
    let error = registry::of::<dyn Unused>()
        .create("Anything", &Values::new())
        .err()
        .expect("nothing registered");
    assert_eq!(
        error.to_string(),
        "no model of the kind `dyn model_registry::Unused` is registered as `Anything`; none is \
         registered under `dyn model_registry::Unused`"
    );
}

thread_local! {
    /// What the hooks saw, on this test's thread.
    static EVENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn events() -> Vec<String> {
    EVENTS.with(|events| events.take())
}

mod hooked {
    use modsmith::dynamic::Value;
    use modsmith::{Data, Model};

    use super::EVENTS;

    #[derive(Data, Model, Debug)]
    #[data(set, with)]
    #[model(on_create = Self::created, on_change = changed)]
    pub struct Account {
        #[data(validate(non_empty))]
        pub owner: String,
        #[data(default = 0)]
        #[model(rename = "cents")]
        pub balance: i64,
    }

    impl Account {
        fn created(&self) {
            EVENTS.with(|events| events.borrow_mut().push(format!("created {}", self.owner)));
        }
    }

    fn changed(_: &Account, field: &str, old: &Value, new: &Value) {
        EVENTS.with(|events| {
            events.borrow_mut().push(format!("{field}: {old} -> {new}"));
        });
    }

    /// `with_*` without `set_*`, and a whole-struct check: the `with_*` methods carry the
    /// check and the hook themselves.
    #[derive(Data, Model, Debug)]
    #[data(with, validate = Self::check)]
    #[model(on_change = changed_range)]
    pub struct Range {
        pub low: i64,
        pub high: i64,
    }

    impl Range {
        fn check(&self) -> Result<(), String> {
            if self.low <= self.high {
                Ok(())
            } else {
                Err("low must not exceed high".into())
            }
        }
    }

    fn changed_range(_: &Range, field: &str, old: &Value, new: &Value) {
        EVENTS.with(|events| events.borrow_mut().push(format!("{field}: {old} -> {new}")));
    }

    /// `Model` alone: only `from_values` and `set` build and change it.
    #[derive(Model)]
    #[model(on_create = log_point, on_change = log_change)]
    pub struct Point {
        pub x: i64,
    }

    fn log_point(point: &Point) {
        EVENTS.with(|events| events.borrow_mut().push(format!("point {}", point.x)));
    }

    fn log_change(_: &Point, field: &str, old: &Value, new: &Value) {
        EVENTS.with(|events| events.borrow_mut().push(format!("{field}: {old} -> {new}")));
    }
}

#[test]
fn on_create_runs_after_every_construction() {
    use hooked::Account;
    events();
    Account::new("Ada".into()).expect("valid");
    Account::builder()
        .owner("Bob".into())
        .build()
        .expect("valid");
    Account::from_values(&values(&[("owner", "Cy".into())])).expect("valid");
    registry::get("Account")
        .expect("registered")
        .create(&values(&[("owner", "Di".into())]))
        .expect("valid");
    assert_eq!(
        events(),
        ["created Ada", "created Bob", "created Cy", "created Di"]
    );

    // Nothing runs for a construction that fails its validators.
    assert!(Account::new(String::new()).is_err());
    assert!(Account::from_values(&values(&[("owner", "".into())])).is_err());
    assert_eq!(events(), Vec::<String>::new());

    hooked::Point::from_values(&values(&[("x", Value::Int(4))])).expect("valid");
    assert_eq!(events(), ["point 4"]);
}

#[test]
fn on_change_runs_after_every_successful_change() {
    use hooked::Account;
    let mut account = Account::new("Ada".into()).expect("valid");
    events();
    account.set("cents", Value::Int(250)).expect("valid");
    account.set_owner("Ada L.".into()).expect("valid");
    let account = account.with_balance(300);
    assert_eq!(
        events(),
        [
            "cents: 0 -> 250",
            "owner: Ada -> Ada L.",
            "cents: 250 -> 300",
        ]
    );

    // Refused changes run nothing.
    let mut account = account;
    assert!(account.set("owner", "".into()).is_err());
    assert!(account.set_owner(String::new()).is_err());
    assert!(account.set("cents", "many".into()).is_err());
    assert!(account.set("nope", Value::Int(1)).is_err());
    assert_eq!(events(), Vec::<String>::new());

    let mut point = hooked::Point::from_values(&values(&[("x", Value::Int(1))])).expect("valid");
    events();
    point.set("x", Value::Int(2)).expect("valid");
    assert_eq!(events(), ["x: 1 -> 2"]);
}

#[test]
fn a_created_model_is_a_dyn_model() {
    let model: Box<dyn DynModel> = registry::get("Invoice")
        .expect("registered")
        .create(&values(&[
            ("number", Value::Int(7)),
            ("paid", false.into()),
        ]))
        .expect("valid");
    assert_eq!(model.shape().name(), "Invoice");
    assert_eq!(
        format!("{model:?}"),
        "Invoice { number: Int(7), paid: Bool(false) }"
    );
    let invoice = model
        .downcast_ref::<billing::Invoice>()
        .expect("an Invoice");
    assert_eq!((invoice.number, invoice.paid), (7, false));
}

#[test]
fn on_change_runs_from_with_methods_that_check_the_struct() {
    use hooked::Range;
    let range = Range::new(1, 5).expect("valid");
    events();
    let range = range.with_high(7).expect("valid");
    assert_eq!(events(), ["high: 5 -> 7"]);
    assert!(range.with_low(9).is_err());
    assert_eq!(events(), Vec::<String>::new());
}

/// `#[data(deserialize)]` constructs the struct too: `on_create` runs after it.
#[cfg(feature = "serde")]
mod deserialized {
    use modsmith::{Data, Model};

    use super::EVENTS;

    #[derive(Data, Model, Debug)]
    #[data(deserialize)]
    #[model(on_create = ticket_created)]
    pub struct Ticket {
        #[data(validate(non_empty))]
        pub title: String,
    }

    fn ticket_created(ticket: &Ticket) {
        EVENTS.with(|events| events.borrow_mut().push(format!("ticket {}", ticket.title)));
    }

    #[test]
    fn on_create_runs_after_deserializing() {
        super::events();
        let ticket: Ticket = serde_json::from_str(r#"{"title": "broken tap"}"#).expect("valid");
        assert_eq!(ticket.title, "broken tap");
        assert!(serde_json::from_str::<Ticket>(r#"{"title": ""}"#).is_err());
        assert_eq!(super::events(), ["ticket broken tap"]);
    }
}
