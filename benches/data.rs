//! `#[derive(Data)]` against the same code written by hand: `new`, the builder, getters,
//! and validation on the success path. The goal is equal cost: the builder's type states
//! and the runtime's validators should compile to what a person would write.
//!
//! Run with `cargo bench --bench data`; figures are in `benches/RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::{Data, ValidationError, ValidationErrors};

/// No allocation in the fields, so a few nanoseconds of overhead would show.
#[derive(Data)]
pub struct Sample {
    id: u64,
    x: f64,
    y: f64,
    #[data(default = 1)]
    weight: u32,
    label: Option<u32>,
}

// `y` is stored but never read back, like a field nobody happens to query.
#[allow(dead_code)]
pub struct HandSample {
    id: u64,
    x: f64,
    y: f64,
    weight: u32,
    label: Option<u32>,
}

impl HandSample {
    #[inline]
    pub fn new(id: u64, x: f64, y: f64) -> Self {
        HandSample {
            id,
            x,
            y,
            weight: 1,
            label: None,
        }
    }

    #[inline]
    pub fn id(&self) -> u64 {
        self.id
    }

    #[inline]
    pub fn x(&self) -> f64 {
        self.x
    }

    #[inline]
    pub fn weight(&self) -> u32 {
        self.weight
    }

    #[inline]
    pub fn label(&self) -> Option<u32> {
        self.label
    }
}

#[derive(Data)]
pub struct Account {
    #[data(validate(length(min = 1, max = 32)))]
    name: String,
    #[data(validate(range(min = 13, max = 130)))]
    age: u8,
}

// Only construction is measured; the fields are not read.
#[allow(dead_code)]
pub struct HandAccount {
    name: String,
    age: u8,
}

impl HandAccount {
    pub fn new(name: String, age: u8) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let length = name.chars().count();
        if !(1..=32).contains(&length) {
            errors.push(ValidationError::for_field(
                "name",
                format!("must have between 1 and 32 characters (got {length})"),
            ));
        }
        if !(13..=130).contains(&age) {
            errors.push(ValidationError::for_field(
                "age",
                format!("must be between 13 and 130 (got {age})"),
            ));
        }
        errors.into_result()?;
        Ok(HandAccount { name, age })
    }
}

fn construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("new");
    group.bench_function("modsmith", |b| {
        b.iter(|| Sample::new(black_box(7), black_box(1.0), black_box(2.0)))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| HandSample::new(black_box(7), black_box(1.0), black_box(2.0)))
    });
    group.finish();

    let mut group = c.benchmark_group("builder");
    group.bench_function("modsmith builder", |b| {
        b.iter(|| {
            Sample::builder()
                .id(black_box(7))
                .x(black_box(1.0))
                .y(black_box(2.0))
                .label(black_box(3))
                .build()
        })
    });
    group.bench_function("hand-written struct literal", |b| {
        b.iter(|| HandSample {
            id: black_box(7),
            x: black_box(1.0),
            y: black_box(2.0),
            weight: 1,
            label: Some(black_box(3)),
        })
    });
    group.finish();
}

fn getters(c: &mut Criterion) {
    let samples: Vec<Sample> = (0..1024).map(|i| Sample::new(i, i as f64, 0.0)).collect();
    let hand: Vec<HandSample> = (0..1024)
        .map(|i| HandSample::new(i, i as f64, 0.0))
        .collect();
    let mut group = c.benchmark_group("getters (1024 values)");
    group.bench_function("modsmith", |b| {
        b.iter(|| {
            black_box(&samples).iter().fold(0.0, |sum, sample| {
                sum + sample.x()
                    + (sample.id() + u64::from(sample.weight())) as f64
                    + f64::from(sample.label().unwrap_or(0))
            })
        })
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| {
            black_box(&hand).iter().fold(0.0, |sum, sample| {
                sum + sample.x()
                    + (sample.id() + u64::from(sample.weight())) as f64
                    + f64::from(sample.label().unwrap_or(0))
            })
        })
    });
    group.finish();
}

fn validation(c: &mut Criterion) {
    let mut group = c.benchmark_group("new with validation (passing)");
    group.bench_function("modsmith", |b| {
        b.iter(|| Account::new(black_box(String::from("ann")), black_box(30)))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| HandAccount::new(black_box(String::from("ann")), black_box(30)))
    });
    group.finish();
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = construction, getters, validation
}
criterion_main!(benches);
