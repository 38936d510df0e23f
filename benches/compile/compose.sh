#!/usr/bin/env bash
# Compile cost of `compose!`: MODULES modules (default 10) of ITEMS items each (default 100:
# half functions with bodies that do a little work, three tenths structs, two tenths
# constants), composed into one module (`composed`: `#[composable]` on each source and one
# `compose!`), against the same crate with the module written by hand as one `pub use` line
# per member (`by_hand`). Reports the median wall-clock time of `cargo build` of each crate
# alone, right after `cargo clean -p` of it, dependencies prebuilt; the two variants' runs
# are interleaved. BODIES=trivial gives every function a one-expression body instead.
#
# Usage: bash benches/compile/compose.sh     (env: MODULES=10 ITEMS=100 RUNS=5 PROFILE=dev BODIES=work)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/compose"
MODULES="${MODULES:-10}"
ITEMS="${ITEMS:-100}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
BODIES="${BODIES:-work}"
[[ "$MODULES" =~ ^[1-9][0-9]*$ && "$ITEMS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "MODULES, ITEMS and RUNS must be whole numbers" >&2; exit 2; }
[[ "$BODIES" == "work" || "$BODIES" == "trivial" ]] || { echo "BODIES is work or trivial" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)
VARIANTS=(composed by_hand)

mkdir -p "$WORK"
cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["composed", "by_hand"]
resolver = "3"
TOML
for variant in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$variant/src"
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench_compose_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
modsmith = { path = "$ROOT", default-features = false }
TOML
    python3 - "$MODULES" "$ITEMS" "$variant" "$BODIES" > "$WORK/$variant/src/lib.rs" <<'PY'
import sys
modules, items, variant, bodies = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
work = [
    "pub fn {n}(a: i64, b: i64) -> i64 {{ a.wrapping_mul({j}).wrapping_add(b) }}",
    "pub fn {n}(name: &str) -> String {{ format!(\"{{name}}-{j}\") }}",
    "pub fn {n}(items: &[i64]) -> Option<i64> {{ items.iter().copied().max().map(|m| m + {j}) }}",
    "pub fn {n}(a: i64, b: i64) -> Result<i64, String> {{ a.checked_div(b).ok_or_else(|| \"zero\".to_owned()) }}",
    "pub fn {n}(words: Vec<String>) -> usize {{ words.iter().filter(|w| w.len() > {j} % 7).count() }}",
]
def name(i, j):
    return f"f{i}_{j}" if j % 10 < 5 else f"S{i}_{j}" if j % 10 < 8 else f"C{i}_{j}"
print("#![allow(dead_code)]")
for i in range(modules):
    if variant == "composed":
        print("#[modsmith::composable]")
    print(f"pub mod m{i} {{")
    for j in range(items):
        n = name(i, j)
        if j % 10 < 5:
            body = work[j % len(work)] if bodies == "work" else "pub fn {n}(a: u32) -> u32 {{ a + {j} }}"
            print("    /// A function.")
            print("    " + body.format(n=n, j=j))
        elif j % 10 < 8:
            print("    /// A struct.")
            print(f"    #[derive(Debug, Clone, PartialEq)] pub struct {n} {{ pub x: u32, pub label: String }}")
        else:
            print(f"    pub const {n}: u32 = {j};")
    print("}")
if variant == "composed":
    sources = ", ".join(f"m{i}" for i in range(modules))
    print("modsmith::compose! {")
    print("    /// Every module's members.")
    print(f"    #[compose({sources})]")
    print("    pub mod app {}")
    print("}")
else:
    print("/// Every module's members.")
    print("pub mod app {")
    for i in range(modules):
        for j in range(items):
            print(f"    pub use crate::m{i}::{name(i, j)};")
    print("}")
PY
done

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
source "$ROOT/benches/compile/interleaved.sh"
time_interleaved bench_compose_ "${PROFILE_FLAGS[*]:-}" "$RUNS" "${VARIANTS[@]}" |
    report "compose! compile cost" "$MODULES modules of $ITEMS items ($BODIES bodies), profile $PROFILE" \
        "\`#[composable]\` + \`compose!\`" "the same crate with \`pub use\` lines by hand" "composed / by hand"
