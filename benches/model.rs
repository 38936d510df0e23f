//! `#[derive(Model)]`'s `get` and `set` by field name against the code a person would write
//! without it, on a struct of 10 fields (`String, u32, Option<String>, Vec<u8>, bool, u64,
//! Option<u32>, String, i64, f64`) that derives both `Data` (with `#[data(set)]` and one
//! `length` validator on `name`) and `Model`; `name` is the 8th field:
//!
//! - (a) direct get: `Value::from(customer.name.as_str())`, the field read and converted
//!   into a [`Value`] by hand (one `Arc<str>` allocated).
//! - (a') direct get, cloned: `Value::from(customer.name.clone())`, the `String` cloned, then
//!   turned into an `Arc<str>` (two allocations): what `get` did before
//!   `IntoValue::to_value`, which converts a `String` from its `&str`.
//! - (b) `Model::get`: `customer.get("name")`, the name opaque to the optimiser.
//! - (c) direct set: `customer.set_name("Grace".to_owned())`, the validating setter
//!   `#[derive(Data)]` generates; the caller allocates the new `String`.
//! - (d) `Model::set`: `customer.set("name", value.clone())` with `value` a `Value::Str`
//!   made once (the clone is a reference count); `set` allocates the `String` it stores and
//!   runs the same validator.
//!
//! Every variant hands criterion what a caller gets: an `Option<Value>` from the gets,
//! whether it succeeded (`bool`) from the sets; the `Value`s are dropped inside the loop.
//!
//! Goals (issue 13): (b) at most 3× (a), (d) at most 3× (c). Before criterion runs, a
//! counting allocator prints the heap allocations per call of each (10,000 calls); nothing
//! is asserted. Run with `cargo bench --bench model`; figures in `benches/RESULTS.md`. The
//! peer comparison with bevy_reflect is `benches/peers/benches/models.rs`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::dynamic::Value;
use modsmith::model::Model as _;
use modsmith::{Data, Model};

#[path = "support/module_calls.rs"]
#[allow(dead_code, reason = "the 50-function module's names are not used here")]
mod module_calls;

use module_calls::allocations_per_call;

// Each variant is compiled twice, as identical twins at different addresses (the pattern of
// `benches/instrument.rs` and `benches/dynamic.rs`): code placement alone moves a call of a
// few nanoseconds on this machine, so a figure is only meaningful next to its twin's. A
// twin is a module of its own with its own struct (so its own derived `get`, `set` and
// `set_name`) and its own criterion loops; the structs are named apart so that nothing keyed
// by a model's name sees two of one name.
macro_rules! twin {
    ($twin:ident, $model:ident) => {
        mod $twin {
            use super::*;

            #[derive(Data, Model, Debug)]
            #[data(set)]
            pub struct $model {
                code: String,
                id: u32,
                email: Option<String>,
                avatar: Vec<u8>,
                active: bool,
                created: u64,
                age: Option<u32>,
                #[data(validate(length(min = 1, max = 32)))]
                name: String,
                balance: i64,
                score: f64,
            }

            pub fn customer() -> $model {
                $model {
                    code: "C-0042".to_owned(),
                    id: 42,
                    email: Some("ada@example.com".to_owned()),
                    avatar: vec![1, 2, 3, 4],
                    active: true,
                    created: 1_700_000_000,
                    age: Some(36),
                    name: "Ada Lovelace".to_owned(),
                    balance: -1_250,
                    score: 9.5,
                }
            }

            pub fn direct_get(customer: &$model) -> Option<Value> {
                Some(Value::from(black_box(customer).name.as_str()))
            }

            pub fn direct_get_cloned(customer: &$model) -> Option<Value> {
                Some(Value::from(black_box(customer).name.clone()))
            }

            pub fn model_get(customer: &$model) -> Option<Value> {
                black_box(customer).get(black_box("name"))
            }

            pub fn direct_set(customer: &mut $model) -> bool {
                black_box(customer)
                    .set_name(black_box("Grace Hopper").to_owned())
                    .is_ok()
            }

            pub fn model_set(customer: &mut $model, value: &Value) -> bool {
                black_box(customer)
                    .set(black_box("name"), black_box(value).clone())
                    .is_ok()
            }

            pub fn gets(c: &mut Criterion, twin: &str) {
                let customer = customer();
                c.bench_function(&format!("(a) direct get, Value::from(&str){twin}"), |b| {
                    b.iter(|| direct_get(&customer))
                });
                c.bench_function(
                    &format!("(a') direct get, clone + Value::from{twin}"),
                    |b| b.iter(|| direct_get_cloned(&customer)),
                );
                c.bench_function(&format!("(b) Model::get(\"name\"){twin}"), |b| {
                    b.iter(|| model_get(&customer))
                });
            }

            pub fn sets(c: &mut Criterion, twin: &str) {
                let mut customer = customer();
                c.bench_function(&format!("(c) Data set_name, validating{twin}"), |b| {
                    b.iter(|| direct_set(&mut customer))
                });
                let value = Value::from("Grace Hopper");
                c.bench_function(&format!("(d) Model::set(\"name\", ..){twin}"), |b| {
                    b.iter(|| model_set(&mut customer, &value))
                });
            }
        }
    };
}

twin!(first, Customer);
twin!(second, CustomerTwin);

fn allocations(_: &mut Criterion) {
    let mut customer = first::customer();
    let value = Value::from("Grace Hopper");
    // Printed, not asserted: a reader sees a wrong result next to the figures.
    println!(
        "(a) {:?}, (a') {:?}, (b) {:?}; (c) ok {}, (d) ok {}",
        first::direct_get(&customer),
        first::direct_get_cloned(&customer),
        first::model_get(&customer),
        first::direct_set(&mut customer),
        first::model_set(&mut customer, &value),
    );
    let direct_get = allocations_per_call(|| {
        black_box(first::direct_get(&customer));
    });
    let direct_get_cloned = allocations_per_call(|| {
        black_box(first::direct_get_cloned(&customer));
    });
    let model_get = allocations_per_call(|| {
        black_box(first::model_get(&customer));
    });
    let direct_set = allocations_per_call(|| {
        black_box(first::direct_set(&mut customer));
    });
    let model_set = allocations_per_call(|| {
        black_box(first::model_set(&mut customer, &value));
    });
    println!(
        "allocations per call, 10,000 calls: (a) {direct_get}, (a') {direct_get_cloned}, \
         (b) {model_get}, (c) {direct_set}, (d) {model_set}"
    );
}

fn calls(c: &mut Criterion) {
    first::gets(c, "");
    second::gets(c, " (twin)");
    first::sets(c, "");
    second::sets(c, " (twin)");
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = allocations, calls
}
criterion_main!(benches);
