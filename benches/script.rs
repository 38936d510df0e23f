//! The Rust `script!` generates against the same functions written by hand with the same
//! semantics: checked `int` arithmetic (`checked_*` and an error with its place), the same
//! `Result` signatures, borrowed parameters. Goal (issue 16): each within 5%.
//!
//! Programs: `fib(30)`, summing 10^7 integers in a loop, building a string of 10^4 numbers,
//! and the pricing rules over 10^5 items. Run with `cargo bench --bench script --features
//! script`; figures in `benches/RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::script::{ErrorKind, ScriptError};

modsmith::script! {
    pub module rules {
        pub record Item { name: str, cents: int, qty: int }
        pub fn fib(n: int) -> int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
        pub fn sum_to(n: int) -> int {
            let mut sum = 0;
            for i in 0..n { sum += i; }
            sum
        }
        pub fn build(n: int) -> str {
            let mut out = "";
            for i in 0..n { out += to_str(i); }
            out
        }
        pub fn total(items: list[Item], tier: str) -> int {
            let mut sum = 0;
            for item in items { sum += item.cents * item.qty; }
            match tier { "gold" => sum * 90 / 100, "silver" => sum * 95 / 100, _ => sum }
        }
    }
}

/// The same functions by hand.
mod by_hand {
    use super::{ErrorKind, ScriptError};

    #[cold]
    fn overflow(function: &str) -> ScriptError {
        ScriptError {
            kind: ErrorKind::Overflow,
            function: function.to_owned(),
            line: 1,
            column: 1,
        }
    }

    pub struct Item {
        pub name: String,
        pub cents: i64,
        pub qty: i64,
    }

    pub fn fib(n: i64) -> Result<i64, ScriptError> {
        if n < 2 {
            Ok(n)
        } else {
            let a = fib(n.checked_sub(1).ok_or_else(|| overflow("fib"))?)?;
            let b = fib(n.checked_sub(2).ok_or_else(|| overflow("fib"))?)?;
            a.checked_add(b).ok_or_else(|| overflow("fib"))
        }
    }

    pub fn sum_to(n: i64) -> Result<i64, ScriptError> {
        let mut sum: i64 = 0;
        for i in 0..n {
            sum = sum.checked_add(i).ok_or_else(|| overflow("sum_to"))?;
        }
        Ok(sum)
    }

    pub fn build(n: i64) -> String {
        let mut out = String::new();
        for i in 0..n {
            out.push_str(&i.to_string());
        }
        out
    }

    pub fn total(items: &[Item], tier: &str) -> Result<i64, ScriptError> {
        let mut sum: i64 = 0;
        for item in items {
            let line = item
                .cents
                .checked_mul(item.qty)
                .ok_or_else(|| overflow("total"))?;
            sum = sum.checked_add(line).ok_or_else(|| overflow("total"))?;
        }
        let scaled = |percent: i64| {
            sum.checked_mul(percent)
                .ok_or_else(|| overflow("total"))
                .map(|value| value / 100)
        };
        match tier {
            "gold" => scaled(90),
            "silver" => scaled(95),
            _ => Ok(sum),
        }
    }
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("script");
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(5));

    group.bench_function("fib(30) generated", |b| {
        b.iter(|| rules::fib(black_box(30)))
    });
    group.bench_function("fib(30) by hand", |b| {
        b.iter(|| by_hand::fib(black_box(30)))
    });

    group.bench_function("sum 10^7 generated", |b| {
        b.iter(|| rules::sum_to(black_box(10_000_000)))
    });
    group.bench_function("sum 10^7 by hand", |b| {
        b.iter(|| by_hand::sum_to(black_box(10_000_000)))
    });

    group.bench_function("build 10^4 generated", |b| {
        b.iter(|| rules::build(black_box(10_000)))
    });
    group.bench_function("build 10^4 by hand", |b| {
        b.iter(|| by_hand::build(black_box(10_000)))
    });

    let generated: Vec<rules::Item> = (0..100_000)
        .map(|i| rules::Item {
            name: format!("item {i}"),
            cents: 100 + i % 900,
            qty: 1 + i % 5,
        })
        .collect();
    let handwritten: Vec<by_hand::Item> = generated
        .iter()
        .map(|item| by_hand::Item {
            name: item.name.clone(),
            cents: item.cents,
            qty: item.qty,
        })
        .collect();
    assert_eq!(
        rules::total(&generated, "gold").ok(),
        by_hand::total(&handwritten, "gold").ok()
    );
    assert_eq!(handwritten[0].name, "item 0");
    group.bench_function("pricing 10^5 generated", |b| {
        b.iter(|| rules::total(black_box(&generated), black_box("gold")))
    });
    group.bench_function("pricing 10^5 by hand", |b| {
        b.iter(|| by_hand::total(black_box(&handwritten), black_box("gold")))
    });
    group.finish();
}

criterion_group!(script, benches);
criterion_main!(script);
