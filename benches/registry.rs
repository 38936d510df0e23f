//! The model registry (`modsmith::registry`) with 1,001 registered models: iterating all of
//! them, and finding one by name.
//!
//! - iterate: `registry::models()`, each model's shape read (its field count summed), as a
//!   program listing its models does. Goal (issue 13): at most 10 µs for 1,000 models.
//! - get by name: `registry::get("Target")` among the 1,001 names (the index is built on
//!   the first call, before criterion measures).
//!
//! The 1,000 models are one struct, `Entry`, defined in 1,000 nested modules by
//! `macro_rules!` (a `macro_rules!` cannot make 1,000 distinct identifiers), so 1,000 share
//! the name `Entry`; a shared name costs a look-up nothing, and iteration does not read names.
//! Registering costs no code at start-up: the entries are in a link section (linkme), read
//! in place; the loader's relocations of their pointers are the only start-up work. Run with
//! `cargo bench --bench registry`; figures in `benches/RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::Model;
use modsmith::registry;

macro_rules! entry {
    () => {
        #[derive(modsmith::Model)]
        pub struct Entry {
            pub id: i64,
            pub name: String,
            pub active: bool,
        }
    };
}

macro_rules! ten {
    ($inner:ident) => {
        pub mod m0 {
            $inner!();
        }
        pub mod m1 {
            $inner!();
        }
        pub mod m2 {
            $inner!();
        }
        pub mod m3 {
            $inner!();
        }
        pub mod m4 {
            $inner!();
        }
        pub mod m5 {
            $inner!();
        }
        pub mod m6 {
            $inner!();
        }
        pub mod m7 {
            $inner!();
        }
        pub mod m8 {
            $inner!();
        }
        pub mod m9 {
            $inner!();
        }
    };
}

macro_rules! ten_entries {
    () => {
        ten!(entry);
    };
}

macro_rules! hundred_entries {
    () => {
        ten!(ten_entries);
    };
}

mod thousand {
    ten!(hundred_entries);
}

/// The one model with a name of its own.
#[derive(Model)]
pub struct Target {
    pub id: i64,
}

fn iterate(c: &mut Criterion) {
    let models = registry::models();
    println!(
        "registered models: {} ({} named `Entry`)",
        models.len(),
        models
            .iter()
            .filter(|model| model.name() == "Entry")
            .count()
    );
    c.bench_function("iterate 1,001 registered models", |b| {
        b.iter(|| {
            black_box(registry::models())
                .iter()
                .map(|model| model.shape().fields().len())
                .sum::<usize>()
        })
    });
}

fn get_by_name(c: &mut Criterion) {
    // Builds the index, outside the measurement.
    let _ = registry::get("Target");
    c.bench_function("get one of 1,001 by name", |b| {
        b.iter(|| registry::get(black_box("Target")).is_ok())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = iterate, get_by_name
}
criterion_main!(benches);
