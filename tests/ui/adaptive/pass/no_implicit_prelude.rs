// Generated code works without the prelude, next to user items named like prelude items and
// constants named like bindings it might introduce (a constant in scope wins over a new
// binding in a pattern).
#![no_implicit_prelude]

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct Box;

#[::modsmith::adaptive(version = "1.0")]
/// Payments without the prelude.
pub mod payments {
    #![allow(dead_code, non_upper_case_globals)]

    struct Option;
    struct Result;
    struct Box;
    struct Vec;
    struct String;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct Send;
    struct Sync;
    struct Fn;
    // The module's own `bool`: `supports` and the handles' `is_*` return the primitive.
    #[allow(non_camel_case_types)]
    struct bool;
    // A function too, so a slot: `interface()` lists six.
    fn drop() {}
    mod core {}
    mod std {}
    mod modsmith {}

    const f: u8 = 0;
    const args: u8 = 0;
    const name: u8 = 0;
    const next: u8 = 0;
    const layer: u8 = 0;
    const function: u8 = 0;
    const future: u8 = 0;
    const result: u8 = 0;
    const error: u8 = 0;
    const value: u8 = 0;

    /// A card.
    #[derive(::core::fmt::Debug)]
    pub struct Card {
        pub id: u32,
    }

    #[derive(::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub struct Missing;

    impl ::core::convert::From<::modsmith::adaptive::NotProvided> for Missing {
        fn from(_: ::modsmith::adaptive::NotProvided) -> Self {
            Missing
        }
    }

    impl ::core::convert::From<::modsmith::dynamic::CallError> for Missing {
        fn from(_: ::modsmith::dynamic::CallError) -> Self {
            Missing
        }
    }

    /// Charges a card.
    pub fn charge(cents: u64, card: &Card) -> u64 {
        cents + card.id as u64
    }

    /// A result that borrows from an argument.
    pub fn label<'a>(cards: &'a [Card], index: usize) -> ::core::option::Option<&'a Card> {
        cards.get(index)
    }

    /// A pattern parameter.
    pub fn sum((left, right): (u8, u8)) -> u16 {
        left as u16 + right as u16
    }

    /// Provided at run time.
    #[adaptive(optional)]
    pub fn refund(cents: u64) -> ::core::result::Result<u64, Missing>;

    /// Fillable from a `DynModule` function.
    pub fn fee(cents: i64, currency: &str) -> ::core::result::Result<i64, Missing> {
        ::core::result::Result::Ok(cents / 100 + if currency == "EUR" { 1 } else { 0 })
    }
}

fn main() {
    use payments::{Card, Missing, adapt};

    let card = Card { id: 2 };
    ::std::assert_eq!(payments::charge(5, &card), 7);
    let cards = [Card { id: 1 }, Card { id: 3 }];
    ::std::assert_eq!(
        payments::label(&cards, 1).map(|card| card.id),
        ::core::option::Option::Some(3)
    );
    ::std::assert_eq!(payments::sum((1, 2)), 3);
    ::std::assert_eq!(payments::refund(1), ::core::result::Result::Err(Missing));

    let restore = adapt::charge.replace(|cents, card| cents * 10 + card.id as u64);
    ::std::assert_eq!(payments::charge(5, &card), 52);
    {
        let _guard = adapt::charge.override_scoped(|_, _| 0);
        ::std::assert_eq!(payments::charge(5, &card), 0);
    }
    restore.restore();
    ::std::assert_eq!(payments::charge(5, &card), 7);

    let layer = adapt::label.wrap(|args, next| {
        next.run(adapt::LabelArgs {
            cards: args.cards,
            index: 0,
        })
    });
    ::std::assert_eq!(
        payments::label(&cards, 1).map(|card| card.id),
        ::core::option::Option::Some(1)
    );
    layer.remove();

    let provided = adapt::refund.provide(|cents| ::core::result::Result::Ok(cents / 2));
    ::std::assert!(payments::supports("refund"));
    ::std::assert_eq!(payments::refund(10), ::core::result::Result::Ok(5));
    provided.restore();

    let rates = ::modsmith::dynamic::ModuleBuilder::new("rates")
        .function("fee", |cents: i64, _currency: ::std::string::String| {
            cents / 10
        })
        .build()
        .expect("a module");
    let fee = rates.function("fee").expect("fee");
    let filled = adapt::fee
        .replace_dynamic(&fee)
        .expect("the signatures agree");
    ::std::assert_eq!(payments::fee(1_000, "EUR"), ::core::result::Result::Ok(100));
    filled.restore();

    let interface = payments::interface();
    ::std::assert_eq!(interface.version(), ::core::option::Option::Some("1.0"));
    ::std::assert_eq!(interface.functions().len(), 6);
    ::std::assert!(
        interface
            .function("refund")
            .is_some_and(|refund| refund.is_optional())
    );
}
