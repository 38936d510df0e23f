//! `#[composable]` modules for `tests/compose.rs`: sources from another crate, with a
//! module of the same name as one in the tests (`auth`), an `#[export_module]` source and a
//! `#[derive(Data)]` struct.

#![forbid(unsafe_code)]

/// Billing: a tuple struct (a type and a value), functions, a constant.
#[modsmith::composable]
pub mod billing {
    /// An amount in cents.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Cents(pub u64);

    /// Charges an amount.
    pub fn charge(cents: u64) -> Cents {
        Cents(cents)
    }

    /// Refunds an amount.
    pub fn refund(cents: Cents) -> u64 {
        cents.0
    }

    /// Where a session ends, by this module.
    pub fn logout() -> &'static str {
        "billing"
    }

    /// The currency.
    pub const CURRENCY: &str = "EUR";

    /// Not `pub`: not composed.
    pub(crate) fn ledger() -> u8 {
        1
    }

    /// Used, so that `ledger` is not dead code.
    pub fn ledger_entries() -> u8 {
        ledger()
    }
}

/// A second module named `auth` (the tests have one too): the hidden macros do not clash.
#[modsmith::composable]
pub mod auth {
    /// The other crate's user.
    pub struct Account {
        /// Its id.
        pub id: u32,
    }

    /// Where a session ends, by this module.
    pub fn logout() -> &'static str {
        "other auth"
    }
}

/// Exported as a `DynModule` and composable.
#[modsmith::composable]
#[modsmith::export_module]
pub mod math {
    /// Adds.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// The answer.
    pub const ANSWER: i64 = 42;
}

/// Exported too.
#[modsmith::composable]
#[modsmith::export_module]
pub mod text {
    /// Shouts.
    pub fn shout(word: String) -> String {
        word.to_uppercase()
    }

    /// Adds, differently.
    pub fn add(a: i64, b: i64) -> i64 {
        a * 10 + b
    }
}

/// A `#[derive(Data)]` struct: its builder is a member too.
#[modsmith::composable]
pub mod people {
    /// A person.
    #[derive(modsmith::Data, Debug)]
    pub struct Person {
        name: String,
    }
}
