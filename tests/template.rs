//! Behaviour of `template!`: every parameter kind, defaults, lists and repetitions, built
//! identifiers (case conversions, gluing, `stringify`), instances in a module or in place,
//! `$$`, and hygiene of the template's own locals.

// Instances must not cost their users warnings.
#![deny(unused)]

use std::collections::BTreeMap;

modsmith::template! {
    /// An in-memory repository for one entity type.
    pub template repository(
        Entity: type,
        Key: type = u64,
        table: str,
        capacity: expr = 16,
        Name: ident,
    ) {
        pub struct $Name {
            rows: BTreeMap<$Key, $Entity>,
        }

        impl $Name {
            pub const TABLE: &'static str = $table;
            pub const CAPACITY: usize = $capacity;

            pub fn new() -> Self {
                Self { rows: BTreeMap::new() }
            }

            pub fn insert(&mut self, key: $Key, row: $Entity) -> Option<$Entity> {
                self.rows.insert(key, row)
            }

            pub fn get(&self, key: &$Key) -> Option<&$Entity> {
                self.rows.get(key)
            }

            pub fn ${snake(Name)}_len(&self) -> usize {
                self.rows.len()
            }
        }

        impl Default for $Name {
            fn default() -> Self {
                Self::new()
            }
        }
    }

    /// Every scalar kind and every `${..}` function.
    template kinds(
        name: ident,
        label: str,
        count: int,
        enabled: bool,
        helper: path,
        Wrapped: type,
        body: tokens,
    ) {
        pub const ${upper(name)}: &str = ${stringify(name)};
        pub const ${upper(concat(name, _label))}: &str = $label;
        pub const ${upper(concat(name, _count))}: u32 = $count;
        pub const ${upper(concat(name, _enabled))}: bool = $enabled;

        pub fn ${concat(get_, snake(name))}() -> $Wrapped {
            $helper($count)
        }

        #[allow(non_snake_case)]
        pub fn ${camel(concat(make_, name))}() -> u32 {
            $body
        }

        pub struct ${pascal(name)}Marker;

        pub fn get_${snake(name)}_twice() -> [$Wrapped; 2] {
            [$helper($count), $helper($count)]
        }

        pub const ${upper(name)}_TYPE: &str = ${stringify(Wrapped)};
        pub const ${upper(name)}_LABEL_IDENT: &str = ${stringify(snake(label))};
    }

    /// Lists: one field per name, with its type; a list of numbers summed.
    template record(Name: ident, fields: [ident], types: [type], weights: [int] = [1, 2, 3]) {
        #[derive(Debug, Default, PartialEq)]
        pub struct $Name {
            $( pub $fields: $types, )*
        }

        impl $Name {
            pub const FIELDS: &'static [&'static str] = &[$( ${stringify(fields)} ),*];
            pub const TOTAL_WEIGHT: u32 = 0 $( + $weights )*;

            $(
                pub fn ${concat(with_, fields)}(mut self, value: $types) -> Self {
                    self.$fields = value;
                    self
                }
            )*
        }
    }

    /// A body pasted in place, as an expression: its `total` is its own.
    template add_five(value: expr) {
        {
            let total = 5;
            total + $value
        }
    }

    /// A `macro_rules!` inside a template: `$$` is a `$`.
    template repeat_macro(Name: ident) {
        macro_rules! $Name {
            ($$value:expr) => {
                [$$value, $$value]
            };
        }
    }
}

pub struct User {
    name: String,
}

pub struct Order;

repository! { pub mod users; Entity = User, Name = UserRepo, table = "users" }
repository! {
    /// Orders, by (customer, number).
    mod orders;
    Entity = Order, Key = (u32, u32), Name = Orders, table = "orders", capacity = 64,
}
repository! { Entity = String, Name = Tags, table = "tags" }

fn squared(value: u32) -> u64 {
    u64::from(value) * u64::from(value)
}

kinds! {
    mod kinds_instance;
    name = UserCount, label = "users", count = 7, enabled = true,
    helper = crate::squared, Wrapped = u64, body = { 1 + 2 },
}

record! {
    mod point;
    Name = Point, fields = [x, y, label], types = [i32, i32, String],
}
record! {
    mod pair;
    Name = Pair, fields = [left, right], types = [u8, u8], weights = [10, 20],
}

repeat_macro! { Name = twice }

#[test]
fn a_template_instance_in_a_module_uses_the_callers_types() {
    let mut users = users::UserRepo::new();
    assert!(users.insert(1, User { name: "ada".into() }).is_none());
    assert_eq!(users.get(&1).map(|user| user.name.as_str()), Some("ada"));
    assert_eq!(users.user_repo_len(), 1);
    assert_eq!(users::UserRepo::TABLE, "users");
    assert_eq!(users::UserRepo::CAPACITY, 16, "the default");

    let mut orders = orders::Orders::new();
    orders.insert((1, 2), Order);
    assert!(orders.get(&(1, 2)).is_some());
    assert_eq!(orders::Orders::CAPACITY, 64);
    assert_eq!(orders::Orders::TABLE, "orders");
    assert_eq!(orders.orders_len(), 1);
}

#[test]
fn a_template_instance_without_a_module_is_pasted_in_place() {
    let mut tags = Tags::new();
    tags.insert(3, "rust".to_owned());
    assert_eq!(tags.get(&3).map(String::as_str), Some("rust"));
    assert_eq!(tags.tags_len(), 1);
    assert_eq!(Tags::TABLE, "tags");
}

#[test]
fn every_kind_and_every_built_identifier() {
    use kinds_instance::*;
    assert_eq!(USER_COUNT, "UserCount");
    assert_eq!(USER_COUNT_LABEL, "users");
    assert_eq!(USER_COUNT_COUNT, 7);
    const { assert!(USER_COUNT_ENABLED) };
    assert_eq!(get_user_count(), 49);
    assert_eq!(makeUserCount(), 3);
    let _: UserCountMarker = UserCountMarker;
    assert_eq!(get_user_count_twice(), [49, 49]);
    assert_eq!(USER_COUNT_TYPE, "u64");
    assert_eq!(USER_COUNT_LABEL_IDENT, "users");
}

#[test]
fn list_parameters_repeat_with_and_without_separators() {
    let point = point::Point::default()
        .with_x(1)
        .with_y(2)
        .with_label("p".to_owned());
    assert_eq!(
        point,
        point::Point {
            x: 1,
            y: 2,
            label: "p".to_owned()
        }
    );
    assert_eq!(point::Point::FIELDS, ["x", "y", "label"]);
    assert_eq!(point::Point::TOTAL_WEIGHT, 6, "the default list");
    assert_eq!(pair::Pair::TOTAL_WEIGHT, 30);
    assert_eq!(pair::Pair::default().with_left(3).with_right(4).right, 4);
    assert_eq!(pair::Pair::FIELDS, ["left", "right"]);
}

#[test]
fn a_templates_own_locals_stay_its_own() {
    let total = 1;
    // The template's `let total = 5` does not capture the caller's `total`.
    assert_eq!(add_five! { value = total }, 6);
    assert_eq!(add_five! { value = total * 10 }, 15);
}

#[test]
fn a_double_dollar_is_a_dollar() {
    assert_eq!(twice!(3), [3, 3]);
}

/// A `pub(crate)` template is reachable by path from other modules.
mod shapes {
    modsmith::template! {
        pub(crate) template unit(Name: ident, sides: int) {
            pub struct $Name;

            impl $Name {
                pub const SIDES: u32 = $sides;
            }
        }
    }
}

mod elsewhere {
    crate::shapes::unit! { Name = Square, sides = 4 }
}

#[test]
fn a_crate_visible_template_is_called_by_path_from_another_module() {
    assert_eq!(elsewhere::Square::SIDES, 4);
}

modsmith::template! {
    template doubled(value: expr, Ty: type) {
        pub const DOUBLED: u32 = $value * 2;
        pub const PLAIN: u32 = $value;
        pub fn boxed(value: &'static $Ty) -> &'static $Ty { value }
    }
}

mod precedence {
    doubled! { value = 8 + 8, Ty = dyn std::fmt::Debug + Sync }
}

#[test]
fn expression_arguments_keep_their_precedence() {
    assert_eq!((precedence::DOUBLED, precedence::PLAIN), (32, 16));
    let _ = precedence::boxed(&1u8);
}

modsmith::template! {
    /// A `type` argument written after `&`.
    template borrowed(Ty: type) {
        pub fn show(value: &$Ty) -> String {
            format!("{value:?}")
        }
    }
}

// A trailing `+` is part of the type; `&` must not cut it short (issue 11's fuzzer).
mod trailing_plus_object {
    borrowed! { Ty = dyn std::fmt::Debug + }
}

mod trailing_plus_impl {
    borrowed! { Ty = impl std::fmt::Debug + }
}

#[test]
fn type_arguments_ending_in_a_plus_stay_whole_after_a_reference() {
    assert_eq!(trailing_plus_object::show(&7u8), "7");
    assert_eq!(trailing_plus_impl::show(&"x"), "\"x\"");
}

modsmith::template! {
    /// `tokens` defaults (none, and with a comma), nested repetitions, chained gluing.
    template shapes(
        Names: [ident],
        methods: [ident],
        extra: tokens = {},
        pair: tokens = { 1, 2 },
        from: ident,
        to: ident,
    ) {
        $(
            pub struct $Names;

            impl $Names {
                $( pub fn $methods() -> &'static str { stringify!($Names::$methods) } )*
            }
        )*

        pub const PAIR: [u8; 2] = [$pair];
        pub fn ${snake(from)}_to_${snake(to)}() -> &'static str { "converted" }
        $extra
    }
}

mod nested {
    shapes! { Names = [Circle, Square], methods = [area, name], from = Celsius, to = Kelvin }
}

#[test]
fn tokens_defaults_nested_repetitions_and_chained_gluing() {
    assert_eq!(nested::Circle::area(), "Circle :: area");
    assert_eq!(nested::Square::name(), "Square :: name");
    assert_eq!(
        (nested::Circle::name(), nested::Square::area()),
        ("Circle :: name", "Square :: area")
    );
    assert_eq!(nested::PAIR, [1, 2]);
    assert_eq!(nested::celsius_to_kelvin(), "converted");
}
