//! The registry of a program that links two crates of models: both crates' models and kinds
//! are found, and the name both define is reported with both type paths.

#![forbid(unsafe_code)]

use std::sync::Arc;

use modsmith::dynamic::Value;
use modsmith::model::Values;
use modsmith::registry::{self, LookupError};
use modsmith_test_registry_app as app;
use modsmith_test_registry_models::Storage;

fn values(pairs: &[(&str, Value)]) -> Values {
    pairs
        .iter()
        .map(|(name, value)| (Arc::from(*name), value.clone()))
        .collect()
}

fn registered() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = registry::models()
        .iter()
        .map(|model| (model.name(), model.type_path()))
        .collect();
    all.sort();
    all
}

#[test]
fn the_models_of_both_crates_are_registered() {
    // The application names its own crate (`app`) and the models crate (`Storage`).
    let _ = app::Customer {
        name: String::new(),
    };
    assert_eq!(
        registered(),
        [
            ("Customer", "modsmith_test_registry_app::Customer"),
            ("Customer", "modsmith_test_registry_models::Customer"),
            ("Disk", "modsmith_test_registry_models::Disk"),
            ("Memory", "modsmith_test_registry_app::Memory"),
            ("Order", "modsmith_test_registry_models::Order"),
        ]
    );
    let order = registry::get("Order").expect("registered by the models crate");
    assert_eq!(order.shape().meta("table"), Some("orders"));
    let built = order
        .create(&values(&[
            ("number", Value::Int(7)),
            ("lines", Value::from(vec!["tea".to_owned()])),
        ]))
        .expect("valid values");
    assert_eq!(built.get("number"), Some(Value::Int(7)));
}

#[test]
fn a_name_two_crates_use_is_reported_with_both_paths() {
    let LookupError::Ambiguous {
        name,
        mut type_paths,
    } = registry::get("Customer").unwrap_err()
    else {
        panic!("`Customer` is registered twice");
    };
    type_paths.sort();
    assert_eq!(
        (name.as_str(), type_paths),
        (
            "Customer",
            vec![
                "modsmith_test_registry_app::Customer",
                "modsmith_test_registry_models::Customer"
            ]
        )
    );
    let error = registry::expect(["Order", "Disk"]).unwrap_err();
    assert!(error.missing().is_empty());
    let [(name, paths)] = error.duplicates() else {
        panic!("one shared name: {error}");
    };
    let mut paths = paths.clone();
    paths.sort();
    assert_eq!(
        (*name, paths),
        (
            "Customer",
            vec![
                "modsmith_test_registry_app::Customer",
                "modsmith_test_registry_models::Customer"
            ]
        )
    );
    assert!(
        error
            .to_string()
            .ends_with("give one another name with `#[model(name = \"..\")]`"),
        "{error}"
    );
}

#[test]
fn a_kind_gathers_its_models_from_both_crates() {
    let storages = registry::of::<dyn Storage>();
    let mut names: Vec<&str> = storages.names().collect();
    names.sort();
    assert_eq!(names, ["Disk", "Memory"]);
    let disk = storages
        .create("Disk", &values(&[("path", "/tmp/x".into())]))
        .expect("valid values");
    assert_eq!(disk.location(), "file:///tmp/x");
    let memory = storages
        .create("Memory", &values(&[("capacity", Value::Int(64))]))
        .expect("valid values");
    assert_eq!(memory.location(), "memory (64 bytes)");
}
