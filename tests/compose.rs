//! `#[composable]` and `compose!`: what a composed module holds, by the rules, the policy,
//! the namespaces and the local items; sources from this crate and from another
//! (`modsmith-test-compose-sources`).

use std::any::TypeId;

use modsmith::compose::{Kind, Member};
use modsmith::dynamic::Value;
use modsmith_test_compose_sources as other;

#[modsmith::composable]
pub mod auth {
    /// A user.
    #[derive(Debug, PartialEq, Eq)]
    pub struct User {
        pub name: String,
    }

    /// Logs in.
    pub fn login(user: &User) -> bool {
        !user.name.is_empty()
    }

    /// Where a session ends, by this module.
    pub fn logout() -> &'static str {
        "auth"
    }

    /// A unit struct: a type and a value.
    pub struct Guest;

    /// A re-export: counted as a type and a value.
    pub use std::collections::BTreeMap as Registry;

    pub(crate) fn internal() -> u8 {
        7
    }

    fn private() -> u8 {
        internal()
    }

    /// Uses `private`.
    pub fn uses_private() -> u8 {
        private()
    }
}

mod inner {
    /// A source in a private module, reached by a relative path.
    #[modsmith::composable]
    pub(crate) mod audit {
        pub fn record() -> &'static str {
            "recorded"
        }

        /// A function named like `auth::Guest`, the unit struct.
        #[allow(non_snake_case)]
        pub fn Guest() -> &'static str {
            "the audit function"
        }
    }

    modsmith::compose! {
        /// Composed from a sibling, by `self::`, and from the crate root, by `super::`.
        #[compose(self::audit, super::auth(only(login)))]
        pub mod relative {}
    }
}

modsmith::compose! {
    /// The application: this crate's `auth`, and `billing` from another crate.
    #[compose(
        crate::auth(except(uses_private)),
        other::billing(except(ledger_entries), rename(charge = bill)),
        policy = prefer(billing),
    )]
    pub mod app {
        /// The override: every user may log in.
        #[compose(override)]
        pub fn login(_user: &super::auth::User) -> bool {
            true
        }

        /// A new item of the module's own.
        pub fn version() -> u32 {
            2
        }
    }
}

#[test]
fn members_are_re_exported_with_their_identity() {
    assert_eq!(TypeId::of::<app::User>(), TypeId::of::<auth::User>());
    assert_eq!(
        TypeId::of::<app::Cents>(),
        TypeId::of::<other::billing::Cents>()
    );
    let user = app::User { name: "ada".into() };
    assert_eq!(user, auth::User { name: "ada".into() });
    let bill: fn(u64) -> other::billing::Cents = app::bill;
    let charge: fn(u64) -> other::billing::Cents = other::billing::charge;
    assert!(std::ptr::fn_addr_eq(bill, charge));
    assert_eq!(app::CURRENCY, "EUR");
    let _guest: app::Guest = app::Guest;
    let _registry: app::Registry<u8, u8> = app::Registry::new();
}

#[test]
fn local_items_override_and_add() {
    assert!(app::login(&app::User {
        name: String::new()
    }));
    assert!(!auth::login(&auth::User {
        name: String::new()
    }));
    assert_eq!(app::version(), 2);
}

#[test]
fn the_policy_chooses_and_rules_filter_and_rename() {
    // `logout` is in both sources: `prefer(billing)` takes billing's.
    assert_eq!(app::logout(), "billing");
    let names: Vec<&str> = app::MEMBERS.iter().map(|member| member.name).collect();
    assert_eq!(
        names,
        [
            "User", "Guest", "Registry", "Cents", "bill", "refund", "logout", "CURRENCY", "login",
            "version",
        ]
    );
    // Left out: `uses_private` (except), `ledger_entries` (except), `charge` (renamed),
    // `internal` (not `pub`), `private`.
    for left_out in [
        "uses_private",
        "ledger_entries",
        "charge",
        "internal",
        "private",
    ] {
        assert!(!names.contains(&left_out), "{left_out}");
    }
}

#[test]
fn members_say_where_each_name_comes_from() {
    let find = |name: &str| -> Member {
        *app::MEMBERS
            .iter()
            .find(|member| member.name == name)
            .unwrap_or_else(|| panic!("no member {name}"))
    };
    assert_eq!(
        find("bill"),
        Member {
            name: "bill",
            kind: Kind::Fn,
            source: "other::billing",
            original: "charge",
        }
    );
    assert_eq!(find("User").kind, Kind::Struct);
    assert_eq!(find("User").source, "crate::auth");
    assert_eq!(find("Registry").kind, Kind::Use);
    assert_eq!(find("CURRENCY").kind, Kind::Const);
    assert_eq!(find("login").source, "app");
    assert_eq!(
        find("bill").to_string(),
        "`bill` (fn) from `other::billing` as `charge`"
    );
}

#[test]
fn relative_paths_resolve_from_where_compose_is_written() {
    assert_eq!(inner::relative::record(), "recorded");
    assert!(inner::relative::login(&auth::User { name: "x".into() }));
    let names: Vec<&str> = inner::relative::MEMBERS.iter().map(|m| m.name).collect();
    assert_eq!(names, ["record", "Guest", "login"]);
}

modsmith::compose! {
    /// `auth::Guest` is a unit struct (a type and a value) and `audit::Guest` a function (a
    /// value): they meet in the value namespace only. `last` gives the value to `audit`,
    /// and `auth` keeps the type.
    #[compose(auth(only(Guest, User)), inner::audit(only(Guest)), policy = last)]
    pub mod namespaces {}
}

#[test]
fn names_meet_per_namespace_as_in_rustc() {
    // The type from `auth`, the value from `audit`.
    let _type_from_auth: Option<namespaces::Guest> = None;
    assert_eq!(namespaces::Guest(), "the audit function");
    let sources: Vec<(&str, &str)> = namespaces::MEMBERS
        .iter()
        .map(|member| (member.name, member.source))
        .collect();
    assert_eq!(
        sources,
        [
            ("User", "auth"),
            ("Guest", "auth"),
            ("Guest", "inner::audit")
        ]
    );
}

modsmith::compose! {
    /// Two modules named `auth`, from two crates: distinct hidden macros.
    #[compose(auth(only(User)), other::auth(only(Account)))]
    pub mod both_auths {}
}

#[test]
fn modules_of_one_name_in_two_crates_do_not_clash() {
    let account = both_auths::Account { id: 3 };
    assert_eq!(account.id, 3);
    assert_eq!(both_auths::MEMBERS.len(), 2);
}

modsmith::compose! {
    /// `#[derive(Data)]`'s builder is a member, though a macro generates it.
    #[compose(other::people)]
    pub mod people {}
}

#[test]
fn a_data_structs_builder_is_composed() {
    let person = people::Person::builder().name("ada".to_owned()).build();
    assert_eq!(format!("{person:?}"), r#"Person { name: "ada" }"#);
    let names: Vec<&str> = people::MEMBERS.iter().map(|m| m.name).collect();
    assert_eq!(names, ["Person", "PersonBuilder"]);
}

#[modsmith::composable(extra(fn generated))]
pub mod with_generated {
    macro_rules! make {
        () => {
            pub fn generated() -> u8 {
                9
            }
        };
    }
    make!();
}

modsmith::compose! {
    /// A member a macro generates, declared with `extra(..)`.
    #[compose(with_generated)]
    pub mod declared {}
}

#[test]
fn extra_members_are_composed() {
    assert_eq!(declared::generated(), 9);
}

modsmith::compose! {
    /// Both sources are `#[export_module]`: `module()` composes their `DynModule`s with
    /// the same picks.
    #[compose(other::math, other::text(rename(add = add_digits)))]
    pub mod dynamic_app {}
}

#[test]
fn exported_sources_give_a_composed_dyn_module() -> Result<(), Box<dyn std::error::Error>> {
    let module = dynamic_app::module();
    assert_eq!(module.name(), "dynamic_app");
    let names: Vec<&str> = module.names().collect();
    assert_eq!(names, ["add", "ANSWER", "shout", "add_digits"]);
    assert_eq!(
        module.call("add", &[Value::Int(2), Value::Int(3)])?,
        Value::Int(5)
    );
    assert_eq!(
        module.call("add_digits", &[Value::Int(2), Value::Int(3)])?,
        Value::Int(23)
    );
    assert_eq!(dynamic_app::add(1, 1), 2);
    assert_eq!(dynamic_app::add_digits(1, 1), 11);
    // The same module every time.
    assert!(std::ptr::eq(module, dynamic_app::module()));
    Ok(())
}
