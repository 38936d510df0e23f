//! A test that never names either crate of models: rustc does not link them, so none of
//! their models is registered, and the start-up check says why. This is the limit the
//! registry's documentation describes, and the fix it gives (`use the_crate as _;`).

#![forbid(unsafe_code)]

use modsmith::registry;

#[test]
fn models_of_crates_the_program_never_names_are_not_registered() {
    assert!(registry::models().is_empty(), "{:?}", registry::models());
    let error = registry::expect(["Order", "Customer"]).unwrap_err();
    assert_eq!(error.missing(), ["Order", "Customer"]);
    assert!(
        error.to_string().contains(
            "a crate the program never names is not linked, so name it with `use the_crate as _;`"
        ),
        "{error}"
    );
}
