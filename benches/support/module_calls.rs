//! What the run-time module benches share: a counting global allocator with the count per
//! call it measures, and the names of the 49 other functions of the 50-function module. Included with `#[path]` by
//! `benches/dynamic.rs` and by `benches/peers/benches/module_calls.rs` (another workspace),
//! so that both measure the same module and count allocations the same way.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

/// The system allocator, counting every allocation (`alloc`, `alloc_zeroed`, `realloc`).
struct CountingAllocator;

pub static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Allocations per call, over 10,000 calls (after one call outside the count).
pub fn allocations_per_call(mut call: impl FnMut()) -> f64 {
    const CALLS: u64 = 10_000;
    call();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..CALLS {
        call();
    }
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    (after - before) as f64 / CALLS as f64
}

/// The 49 other functions' names: verb × noun, 6 to 15 characters, as a module's would be.
pub fn other_names() -> impl Iterator<Item = String> {
    const VERBS: [&str; 7] = ["get", "set", "parse", "format", "load", "save", "validate"];
    const NOUNS: [&str; 7] = [
        "user", "config", "header", "path", "token", "entry", "record",
    ];
    VERBS
        .iter()
        .flat_map(|verb| NOUNS.iter().map(move |noun| format!("{verb}_{noun}")))
}
