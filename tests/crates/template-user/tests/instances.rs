//! A template defined in one crate, instantiated in another: arguments name this crate's
//! items, and `$crate` in the template's body names the defining crate.

use modsmith_test_template_user::{Sizes, colours::Colours, pair::Pair};

#[test]
fn instances_from_another_crate_work() {
    assert_eq!(Colours::NAMES, ["Red", "DarkGreen"]);
    assert_eq!(Colours::get_red(), 1);
    assert_eq!(Colours::get_dark_green(), 42);
    assert_eq!(Colours::PREFIX, "item");
    assert_eq!(Sizes::get_small(), 40);
    assert_eq!(Sizes::PREFIX, "size");
    assert_eq!(
        Colours::version(),
        modsmith_test_template_lib::registry_version()
    );
}

#[test]
fn an_instance_needs_no_name_for_modsmith() {
    // Neither this crate's name for modsmith (it has none) nor the defining crate's (`ms`)
    // is written in the instance: its call reaches modsmith through `$crate`.
    assert_eq!(Pair::PAIR, ["left", "right"]);
}
