#!/usr/bin/env bash
# Compile cost of `#[export_module]`: a module of FUNCTIONS functions (default 200, with a
# realistic mix of ten signatures, owned and borrowed parameters, `Result` returns) built
# with and without the attribute. Reports the median wall-clock time of `cargo build` of
# each crate alone, right after `cargo clean -p` of it, dependencies prebuilt; the two
# variants' runs are interleaved.
#
# Usage: bash benches/compile/export_module.sh        (env: FUNCTIONS=200 RUNS=5 PROFILE=dev)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/export_module"
FUNCTIONS="${FUNCTIONS:-200}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
[[ "$FUNCTIONS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "FUNCTIONS and RUNS must be whole numbers" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)
VARIANTS=(exported plain)

mkdir -p "$WORK"
cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["exported", "plain"]
resolver = "3"
TOML
for variant in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$variant/src"
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench_export_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
modsmith = { path = "$ROOT", default-features = false }
TOML
    python3 - "$FUNCTIONS" "$variant" > "$WORK/$variant/src/lib.rs" <<'PY'
import sys
count, variant = int(sys.argv[1]), sys.argv[2]
# Ten signatures, as a module of rules would have them; each function body does a little work.
shapes = [
    "pub fn f{i}(a: i64, b: i64) -> i64 {{ a.wrapping_mul({i}).wrapping_add(b) }}",
    "pub fn f{i}(x: f64) -> f64 {{ x * {i}.0 + 1.0 }}",
    "pub fn f{i}(name: &str) -> String {{ format!(\"{{name}}-{i}\") }}",
    "pub fn f{i}(items: &[i64]) -> i64 {{ items.iter().sum::<i64>() + {i} }}",
    "pub fn f{i}(a: i64, b: i64) -> Result<i64, String> {{ a.checked_div(b).ok_or_else(|| \"zero\".to_owned()) }}",
    "pub fn f{i}(flag: bool, n: i64) -> Option<i64> {{ flag.then_some(n + {i}) }}",
    "pub fn f{i}(words: Vec<String>) -> usize {{ words.len() + {i} }}",
    "pub fn f{i}(text: String, times: i64) -> String {{ text.repeat((times % 4) as usize) }}",
    "pub fn f{i}() -> i64 {{ {i} }}",
    "pub fn f{i}(a: i64, b: f64, c: bool) -> f64 {{ if c {{ a as f64 * b }} else {{ b }} }}",
]
print("#![allow(dead_code)]")
if variant == "exported":
    print("#[modsmith::export_module]")
print("pub mod rules {")
for i in range(count):
    print("    /// A rule.")
    print("    " + shapes[i % len(shapes)].format(i=i))
print("}")
PY
done

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
source "$ROOT/benches/compile/interleaved.sh"
time_interleaved bench_export_ "${PROFILE_FLAGS[*]:-}" "$RUNS" "${VARIANTS[@]}" |
    report "#[export_module] compile cost" "$FUNCTIONS functions of ten signatures, profile $PROFILE" \
        "\`#[export_module]\`" "the same module without it" "exported / plain"
