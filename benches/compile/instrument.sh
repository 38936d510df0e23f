#!/usr/bin/env bash
# Compile cost of `#[instrument]`: a module of FUNCTIONS functions (default 500) instrumented
# by one `#[modsmith::instrument]` on the module, against the same functions each carrying
# `#[tracing::instrument]`. Reports the median wall-clock time of `cargo build` of each crate
# alone, right after `cargo clean -p` of it, dependencies prebuilt; the two variants' runs are
# interleaved so that a slow spell on the machine hits both.
#
# Usage: bash benches/compile/instrument.sh        (env: FUNCTIONS=500 RUNS=5 PROFILE=dev)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/instrument"
FUNCTIONS="${FUNCTIONS:-500}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
[[ "$FUNCTIONS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "FUNCTIONS and RUNS must be whole numbers" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)
VARIANTS=(modsmith tracing)

mkdir -p "$WORK"
cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["modsmith", "tracing"]
resolver = "3"
TOML
for variant in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$variant/src"
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench_instrument_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
modsmith = { path = "$ROOT", default-features = false, features = ["tracing"] }
tracing = "0.1"
TOML
    # The same functions in both variants: a mix of argument kinds (Debug values, a borrowed
    # str, a slice, a secret-looking name), return types (value, unit, Result) and bodies.
    python3 - "$FUNCTIONS" "$variant" > "$WORK/$variant/src/lib.rs" <<'PY'
import sys
count, variant = int(sys.argv[1]), sys.argv[2]
per_fn = "#[tracing::instrument]" if variant == "tracing" else ""
print("#![allow(dead_code)]")
print("#[modsmith::instrument]" if variant == "modsmith" else "", "pub mod service {")
print("    #[derive(Debug)] pub struct Failure(pub u64);")
print("    impl ::std::fmt::Display for Failure { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { write!(f, \"failure {}\", self.0) } }")
for i in range(count):
    shape = i % 4
    print(f"    /// Function {i}.")
    if per_fn:
        print(f"    {per_fn}")
    if shape == 0:
        print(f"    pub fn compute_{i}(a: u64, b: u64) -> u64 {{ a.wrapping_mul(b) ^ {i} }}")
    elif shape == 1:
        print(f"    pub fn name_len_{i}(name: &str, token: &str) -> usize {{ name.len() + token.len() + {i} }}")
    elif shape == 2:
        print(f"    pub fn total_{i}(values: &[u32]) -> u64 {{ values.iter().map(|v| u64::from(*v)).sum::<u64>() + {i} }}")
    else:
        print(f"    pub fn check_{i}(id: u64, strict: bool) -> Result<u64, Failure> {{ if strict && id == {i} {{ Err(Failure(id)) }} else {{ Ok(id) }} }}")
print("}")
PY
done

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
source "$ROOT/benches/compile/interleaved.sh"
time_interleaved bench_instrument_ "${PROFILE_FLAGS[*]:-}" "$RUNS" "${VARIANTS[@]}" |
    report "#[instrument] compile cost" "$FUNCTIONS functions, profile $PROFILE" \
        "one \`#[modsmith::instrument]\` on the module" "\`#[tracing::instrument]\` on each function" "modsmith / tracing"
