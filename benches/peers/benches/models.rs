//! One field of a struct read by its name at run time, through modsmith's `#[derive(Model)]`
//! and through bevy_reflect's `#[derive(Reflect)]`, in one criterion run so the figures
//! compare. The struct is the one of `benches/model.rs`: 10 fields (`String, u32,
//! Option<String>, Vec<u8>, bool, u64, Option<u32>, String, i64, f64`), the `String` field
//! `name` 8th; here it derives `Model` and `Reflect` (no `Data`: nothing is validated).
//!
//! - modsmith `get`: `customer.get("name")`, an owned `Option<Value>` (the `str` copied into
//!   an `Arc<str>`).
//! - modsmith `field_ref`: `customer.field_ref("name")`, an `Option<&dyn Any>`: a reference,
//!   as bevy's `field` gives.
//! - modsmith `field_ref` + downcast + clone: the same, then `downcast_ref::<String>()` and
//!   `.cloned()`, an owned `Option<String>`.
//! - bevy `field`: `Struct::field(&customer, "name")`, an `Option<&dyn PartialReflect>`: a
//!   reference, nothing copied.
//! - bevy `field` + downcast + clone: the same, then `try_downcast_ref::<String>()` and
//!   `.cloned()`, an owned `Option<String>`: what it takes to own the value when its type is
//!   known.
//! - bevy `field` + `reflect_clone`: the same, then `reflect_clone()`, an owned
//!   `Box<dyn Reflect>`: owning the value without knowing its type, as modsmith's `get` does.
//!
//! The field name is opaque to the optimiser (`black_box`), and each variant hands criterion
//! what a caller gets. Before criterion runs, a counting allocator prints the heap
//! allocations per call of each (10,000 calls). Run with `cargo bench --bench models` from
//! `benches/peers`; figures in `../RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use bevy_reflect::structs::Struct;
use bevy_reflect::{PartialReflect, Reflect, ReflectCloneError};
use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::Model;
use modsmith::dynamic::Value;
use modsmith::model::Model as _;

#[path = "../../support/module_calls.rs"]
#[allow(dead_code, reason = "the 50-function module's names are not used here")]
mod shared;

use shared::allocations_per_call;

// Each variant is compiled twice, as identical twins at different addresses (the pattern of
// `benches/model.rs`): code placement alone moves a call of a few nanoseconds on this
// machine, so a figure is only meaningful next to its twin's. A twin is a module with its own
// struct (so its own derived `get` and `field`) and its own criterion loops.
macro_rules! twin {
    ($twin:ident, $model:ident) => {
        mod $twin {
            use super::*;

            #[derive(Model, Reflect, Debug)]
            pub struct $model {
                code: String,
                id: u32,
                email: Option<String>,
                avatar: Vec<u8>,
                active: bool,
                created: u64,
                age: Option<u32>,
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

            pub fn modsmith_get(customer: &$model) -> Option<Value> {
                black_box(customer).get(black_box("name"))
            }

            pub fn modsmith_field_ref(customer: &$model) -> Option<&dyn std::any::Any> {
                black_box(customer).field_ref(black_box("name"))
            }

            pub fn modsmith_field_ref_cloned(customer: &$model) -> Option<String> {
                black_box(customer)
                    .field_ref(black_box("name"))?
                    .downcast_ref::<String>()
                    .cloned()
            }

            pub fn bevy_field(customer: &$model) -> Option<&dyn PartialReflect> {
                black_box(customer).field(black_box("name"))
            }

            pub fn bevy_field_cloned(customer: &$model) -> Option<String> {
                black_box(customer)
                    .field(black_box("name"))?
                    .try_downcast_ref::<String>()
                    .cloned()
            }

            pub fn bevy_field_reflect_clone(
                customer: &$model,
            ) -> Option<Result<Box<dyn Reflect>, ReflectCloneError>> {
                Some(
                    black_box(customer)
                        .field(black_box("name"))?
                        .reflect_clone(),
                )
            }

            pub fn reads(c: &mut Criterion, twin: &str) {
                let customer = customer();
                let mut group = c.benchmark_group(format!("name of 10 fields{twin}"));
                group.bench_function("modsmith get", |b| b.iter(|| modsmith_get(&customer)));
                group.bench_function("modsmith field_ref", |b| {
                    b.iter(|| modsmith_field_ref(&customer))
                });
                group.bench_function("modsmith field_ref + downcast + clone", |b| {
                    b.iter(|| modsmith_field_ref_cloned(&customer))
                });
                group.bench_function("bevy field", |b| b.iter(|| bevy_field(&customer)));
                group.bench_function("bevy field + downcast + clone", |b| {
                    b.iter(|| bevy_field_cloned(&customer))
                });
                group.bench_function("bevy field + reflect_clone", |b| {
                    b.iter(|| bevy_field_reflect_clone(&customer))
                });
                group.finish();
            }
        }
    };
}

twin!(first, Customer);
twin!(second, CustomerTwin);

fn allocations(_: &mut Criterion) {
    let customer = first::customer();
    // Printed, not asserted: a reader sees a wrong result next to the figures.
    println!(
        "modsmith get {:?}; field_ref + downcast + clone {:?}; bevy field {:?}; + downcast + \
         clone {:?}; + reflect_clone {:?}",
        first::modsmith_get(&customer),
        first::modsmith_field_ref_cloned(&customer),
        first::bevy_field(&customer),
        first::bevy_field_cloned(&customer),
        first::bevy_field_reflect_clone(&customer),
    );
    let modsmith_get = allocations_per_call(|| {
        black_box(first::modsmith_get(&customer));
    });
    let modsmith_field_ref = allocations_per_call(|| {
        black_box(first::modsmith_field_ref(&customer));
    });
    let modsmith_field_ref_cloned = allocations_per_call(|| {
        black_box(first::modsmith_field_ref_cloned(&customer));
    });
    let bevy_field = allocations_per_call(|| {
        black_box(first::bevy_field(&customer));
    });
    let bevy_field_cloned = allocations_per_call(|| {
        black_box(first::bevy_field_cloned(&customer));
    });
    let bevy_field_reflect_clone = allocations_per_call(|| {
        black_box(first::bevy_field_reflect_clone(&customer));
    });
    println!(
        "allocations per call, 10,000 calls: modsmith get {modsmith_get}, field_ref \
         {modsmith_field_ref}, field_ref + downcast + clone {modsmith_field_ref_cloned}, bevy field \
         {bevy_field}, + downcast + clone {bevy_field_cloned}, + reflect_clone \
         {bevy_field_reflect_clone}"
    );
}

fn reads(c: &mut Criterion) {
    first::reads(c, "");
    second::reads(c, " (twin)");
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = allocations, reads
}
criterion_main!(benches);
