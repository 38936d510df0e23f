//! `#[modsmith::instrument]` against a plain function and `#[tracing::instrument]`:
//! (a) with no subscriber, (b) with a subscriber whose level filter disables the span,
//! (c) with the span enabled, writing to a sink that discards.
//!
//! Goals: in (a) and (b) at most 1 ns over the plain function and no slower than tracing's;
//! in (c) no slower than `#[tracing::instrument]`. Run with `cargo bench --bench instrument`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tracing_subscriber::layer::SubscriberExt;

#[inline(never)]
fn plain(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b) ^ a
}

#[inline(never)]
#[modsmith::instrument]
fn with_modsmith(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b) ^ a
}

#[inline(never)]
#[tracing::instrument]
fn with_tracing(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b) ^ a
}

fn run_group(c: &mut Criterion, name: &str) {
    let mut group = c.benchmark_group(name);
    group.bench_function("plain", |b| b.iter(|| plain(black_box(3), black_box(5))));
    group.bench_function("modsmith::instrument", |b| {
        b.iter(|| with_modsmith(black_box(3), black_box(5)))
    });
    group.bench_function("tracing::instrument", |b| {
        b.iter(|| with_tracing(black_box(3), black_box(5)))
    });
    group.finish();
}

fn no_subscriber(c: &mut Criterion) {
    run_group(c, "(a) no subscriber");
}

fn disabled(c: &mut Criterion) {
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::WARN)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::sink));
    tracing::subscriber::with_default(subscriber, || run_group(c, "(b) span disabled by level"));
}

fn enabled(c: &mut Criterion) {
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::INFO)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::sink));
    tracing::subscriber::with_default(subscriber, || run_group(c, "(c) enabled, sink"));
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = short();
    targets = no_subscriber, disabled, enabled
}
criterion_main!(benches);
