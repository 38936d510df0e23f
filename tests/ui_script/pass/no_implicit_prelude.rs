// Generated code works without the prelude, next to user items named like prelude items
// and like names it uses.
#![no_implicit_prelude]

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct String;
#[allow(dead_code)]
struct Vec;
#[allow(dead_code, non_upper_case_globals)]
const host: u8 = 0;

::modsmith::script! {
    bytecode = true,
    /// Rules without the prelude.
    pub module rules {
        pub const arg0: int = 2;
        pub const args: int = 3;
        pub record Item { name: str, cents: int }
        pub fn total(items: list[Item]) -> int {
            let mut sum = 0;
            for item in items { sum += item.cents; }
            sum
        }
        pub fn label(item: Item) -> str { item.name + "!" }
        pub fn first(items: list[int]) -> option[int] { get(items, 0) }
        pub fn stamped() -> int { now() }
        pub fn pair() -> list[str] { ["a", "b"] }
        host { fn now() -> int; }
    }
}

struct Clock;

impl rules::Host for Clock {
    fn now(&self) -> i64 {
        7
    }
}

fn main() {
    let items = [rules::Item { name: ::std::borrow::ToOwned::to_owned("tea"), cents: 3 }];
    ::std::assert_eq!(rules::total(&items).ok(), ::std::option::Option::Some(3));
    ::std::assert_eq!(rules::label(&items[0]), "tea!");
    ::std::assert_eq!(rules::first(&[]), ::std::option::Option::None);
    ::std::assert_eq!(rules::stamped(&Clock), 7);
    ::std::assert_eq!(rules::pair(), ["a", "b"]);
    let native = rules::module().ok().expect("builds");
    let vm = rules::program().ok().expect("loads").into_module().ok();
    ::std::assert!(vm.is_none(), "the program declares a host function: bound first");
    ::std::assert_eq!(
        native.call("first", &[]).is_err(),
        true
    );
}
