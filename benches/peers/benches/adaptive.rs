//! A call through an `#[adaptive]` slot against a direct call, and against the usual ways to
//! make a function swappable at run time: an `arc_swap::ArcSwap` load plus call, and a
//! `RwLock<fn>` read plus call. One criterion run, so the figures compare.
//!
//! - direct: an `#[inline(never)]` function whose body is the work;
//! - unreplaced: the same shape, calling a slot of an `#[adaptive]` module that nothing
//!   replaced (its body is the same work);
//! - replaced: a slot replaced by a closure doing the same work;
//! - other thread's override: an unreplaced slot that another thread overrides for the whole
//!   run (this thread's cost must not change);
//! - arc-swap: `ArcSwap<Box<dyn Fn>>`, loaded and called;
//! - `RwLock<fn>`: read-locked and called.
//!
//! Every variant is compiled twice, as identical twins at different addresses (the pattern
//! of `benches/instrument.rs`): placement alone moves a call of a few nanoseconds on this
//! machine, so a figure is only meaningful next to its twin's. Run with
//! `cargo bench --bench adaptive` from `benches/peers`; figures in `../RESULTS.md`.

use std::hint::black_box;
use std::sync::Once;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

/// The work every variant does.
#[inline]
fn work(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b) ^ a
}

macro_rules! twin {
    ($twin:ident) => {
        mod $twin {
            use std::sync::{LazyLock, PoisonError, RwLock};

            use arc_swap::ArcSwap;

            #[modsmith::adaptive]
            pub mod slots {
                pub fn unreplaced(a: u64, b: u64) -> u64 {
                    super::super::work(a, b)
                }

                pub fn replaced(a: u64, b: u64) -> u64 {
                    super::super::work(a, b)
                }

                pub fn other_thread(a: u64, b: u64) -> u64 {
                    super::super::work(a, b)
                }
            }

            #[inline(never)]
            pub fn direct(a: u64, b: u64) -> u64 {
                super::work(a, b)
            }

            #[inline(never)]
            pub fn unreplaced(a: u64, b: u64) -> u64 {
                slots::unreplaced(a, b)
            }

            #[inline(never)]
            pub fn replaced(a: u64, b: u64) -> u64 {
                slots::replaced(a, b)
            }

            #[inline(never)]
            pub fn other_thread(a: u64, b: u64) -> u64 {
                slots::other_thread(a, b)
            }

            type BoxFn = Box<dyn Fn(u64, u64) -> u64 + Send + Sync>;
            static ARC_SWAP: LazyLock<ArcSwap<BoxFn>> =
                LazyLock::new(|| ArcSwap::from_pointee(Box::new(super::work) as BoxFn));

            #[inline(never)]
            pub fn arc_swap(a: u64, b: u64) -> u64 {
                (ARC_SWAP.load())(a, b)
            }

            static RW_LOCK: RwLock<fn(u64, u64) -> u64> = RwLock::new(super::work);

            #[inline(never)]
            pub fn rw_lock(a: u64, b: u64) -> u64 {
                (RW_LOCK.read().unwrap_or_else(PoisonError::into_inner))(a, b)
            }

            /// Each slot is written once, as in a program that uses them: LLVM folds a slot's
            /// `static` that no code writes, which would measure the bare body.
            pub fn setup() {
                slots::adapt::unreplaced
                    .replace(|a, b| a ^ b)
                    .restore();
                slots::adapt::other_thread
                    .replace(|a, b| a ^ b)
                    .restore();
                let _kept = slots::adapt::replaced.replace(|a, b| a.wrapping_mul(b) ^ a);
                LazyLock::force(&ARC_SWAP);
            }

            /// Called on another thread, which keeps the guard for the whole run.
            pub fn hold_override() -> impl Sized {
                slots::adapt::other_thread.override_scoped(|a, _| a)
            }
        }
    };
}

twin!(first);
twin!(second);

static SETUP: Once = Once::new();

fn setup() {
    SETUP.call_once(|| {
        first::setup();
        second::setup();
        let (held, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _first = first::hold_override();
            let _second = second::hold_override();
            let _ = held.send(());
            loop {
                std::thread::park();
            }
        });
        let _ = wait.recv();
        // Printed, not asserted: a reader sees a wrong result next to the figures. The other
        // thread's override (which returns `a`) must not be seen here.
        println!(
            "work(3, 5) = {}; unreplaced {}, replaced {}, other thread's override {}, arc-swap {}, RwLock {}",
            work(3, 5),
            first::unreplaced(3, 5),
            first::replaced(3, 5),
            first::other_thread(3, 5),
            first::arc_swap(3, 5),
            first::rw_lock(3, 5),
        );
    });
}

type Variant = fn(u64, u64) -> u64;

fn calls(c: &mut Criterion) {
    setup();
    let variants: [(&str, Variant, Variant); 6] = [
        ("direct call", first::direct, second::direct),
        ("slot, unreplaced", first::unreplaced, second::unreplaced),
        ("slot, replaced", first::replaced, second::replaced),
        (
            "slot, unreplaced, overridden on another thread",
            first::other_thread,
            second::other_thread,
        ),
        ("ArcSwap<Box<dyn Fn>> load + call", first::arc_swap, second::arc_swap),
        ("RwLock<fn> read + call", first::rw_lock, second::rw_lock),
    ];
    let mut group = c.benchmark_group("adaptive");
    for (label, variant, twin) in variants {
        group.bench_function(label, |b| b.iter(|| variant(black_box(3), black_box(5))));
        group.bench_function(format!("{label} (twin)"), |b| {
            b.iter(|| twin(black_box(3), black_box(5)))
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = calls
}
criterion_main!(benches);
