//! Calls into a run-time module (`modsmith::dynamic`) against a direct call:
//! (a) a non-inlined `fn add(a: i64, b: i64) -> i64` through a `fn` pointer,
//! (b) the same `add` in a [`DynModule`], through a [`Function`] handle,
//! (c) the same, by name, in a module of 50 functions.
//! (b) and (c) read their result as the `i64` it is (`.ok()?.as_int()`), so that each variant
//! hands criterion an `i64`, as a caller reading the result would.
//!
//! Goals (issue 12): (b) at most 10× (a); (c) at most 2.5× (b); no heap allocation per call
//! with scalar arguments. Before criterion runs, a counting allocator measures the
//! allocations of 10,000 calls of (b) and (c) and prints them per call; nothing is asserted.
//! Run with `cargo bench --bench dynamic`; figures in `benches/RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::dynamic::{DynModule, Function, ModuleBuilder};

#[path = "support/module_calls.rs"]
mod module_calls;

use module_calls::{allocations_per_call, other_names};

// Each variant is compiled twice, as identical twins at different addresses (the pattern of
// `benches/instrument.rs`): code placement alone moves a call of a few nanoseconds on this
// machine, so a figure is only meaningful next to its twin's. A twin is a module of its own:
// its own `add`, its own closures (so its own monomorphised function bodies inside the
// dynamic module) and its own criterion loops.
macro_rules! twin {
    ($twin:ident) => {
        mod $twin {
            use super::*;

            #[inline(never)]
            pub fn add(a: i64, b: i64) -> i64 {
                a.wrapping_add(b)
            }

            /// `add` and 49 other functions of two integers; `add` is in the middle.
            pub fn module() -> DynModule {
                let mut builder = ModuleBuilder::new("bench");
                for (position, name) in other_names().enumerate() {
                    if position == 24 {
                        builder = builder.function("add", add);
                    }
                    let salt = position as i64;
                    builder = builder.function(name, move |a: i64, b: i64| a ^ b ^ salt);
                }
                builder.build().expect("valid names")
            }

            pub fn direct(c: &mut Criterion, label: &str) {
                let function: fn(i64, i64) -> i64 = add;
                c.bench_function(label, |b| {
                    b.iter(|| black_box(function)(black_box(1), black_box(2)))
                });
            }

            /// The call, and its result read as the `i64` it is: what a caller does with it,
            /// and what the direct call gives criterion.
            pub fn call_handle(add: &Function) -> Option<i64> {
                let (a, b) = (black_box(1_i64), black_box(2_i64));
                black_box(add).call(&[a.into(), b.into()]).ok()?.as_int()
            }

            pub fn call_by_name(module: &DynModule) -> Option<i64> {
                let (a, b) = (black_box(1_i64), black_box(2_i64));
                black_box(module)
                    .call(black_box("add"), &[a.into(), b.into()])
                    .ok()?
                    .as_int()
            }

            pub fn handle(c: &mut Criterion, label: &str) {
                let module = module();
                let add = module.function("add").expect("add is a function");
                c.bench_function(label, |b| b.iter(|| call_handle(&add)));
            }

            pub fn by_name(c: &mut Criterion, label: &str) {
                let module = module();
                c.bench_function(label, |b| b.iter(|| call_by_name(&module)));
            }
        }
    };
}

twin!(first);
twin!(second);

fn allocations(_: &mut Criterion) {
    let module = first::module();
    let add = module.function("add").expect("add is a function");
    let handle = allocations_per_call(|| {
        black_box(first::call_handle(&add));
    });
    let by_name = allocations_per_call(|| {
        black_box(first::call_by_name(&module));
    });
    // Printed, not asserted: a reader sees a wrong result next to the figures.
    println!(
        "(b) returns {:?}, (c) returns {:?}",
        first::call_handle(&add),
        first::call_by_name(&module)
    );
    println!("allocations per call, 10,000 calls: (b) handle {handle}, (c) by name {by_name}");
}

fn calls(c: &mut Criterion) {
    first::direct(c, "(a) direct, fn pointer");
    second::direct(c, "(a) direct, fn pointer (twin)");
    first::handle(c, "(b) Function handle");
    second::handle(c, "(b) Function handle (twin)");
    first::by_name(c, "(c) by name, 50 functions");
    second::by_name(c, "(c) by name, 50 functions (twin)");
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
