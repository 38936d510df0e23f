#!/usr/bin/env bash
# Compile cost of `#[derive(Model)]`: STRUCTS structs (default 100) of 10 fields each
# (`String, u32, Option<String>, Vec<u8>, bool, u64, Option<u32>, String, i64, f64`, all of
# which convert to and from `modsmith::dynamic::Value`) built three ways: with
# `#[derive(modsmith::Model)]`, with `#[derive(bevy_reflect::Reflect)]` (bevy_reflect 0.20,
# `default-features = false`), and plain (no derive), the baseline that gives each derive's
# own cost. Reports the median wall-clock time of `cargo build` of each crate alone, right
# after `cargo clean -p` of it, dependencies prebuilt; the variants' runs are interleaved.
#
# Usage: bash benches/compile/model.sh        (env: STRUCTS=100 RUNS=5 PROFILE=dev)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/model"
STRUCTS="${STRUCTS:-100}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
[[ "$STRUCTS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "STRUCTS and RUNS must be whole numbers" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)
VARIANTS=(modsmith bevy plain)

mkdir -p "$WORK"
cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["modsmith", "bevy", "plain"]
resolver = "3"
TOML
for variant in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$variant/src"
    case "$variant" in
        modsmith) dependency="modsmith = { path = \"$ROOT\", default-features = false }" ;;
        bevy) dependency='bevy_reflect = { version = "0.20", default-features = false }' ;;
        plain) dependency="" ;;
    esac
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench_model_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dependency
TOML
    python3 - "$STRUCTS" "$variant" > "$WORK/$variant/src/lib.rs" <<'PY'
import sys
count, variant = int(sys.argv[1]), sys.argv[2]
types = ["String", "u32", "Option<String>", "Vec<u8>", "bool", "u64", "Option<u32>", "String", "i64", "f64"]
derive = {"modsmith": "#[derive(modsmith::Model)]", "bevy": "#[derive(bevy_reflect::Reflect)]", "plain": ""}[variant]
print("#![allow(dead_code)]")
for i in range(count):
    if derive:
        print(derive)
    print(f"pub struct S{i} {{")
    for field, ty in enumerate(types):
        print(f"    f{field}: {ty},")
    print("}")
PY
done

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
source "$ROOT/benches/compile/interleaved.sh"
# `time_interleaved` prebuilds with `--workspace`, which unifies the dependencies' features
# across the three crates; a crate built alone (`-p`) resolves them its own way, so without
# this its first timed build would also rebuild dependencies.
echo "[bench] prebuilding each variant alone" >&2
for variant in "${VARIANTS[@]}"; do
    cargo build -q -p "bench_model_$variant" "${PROFILE_FLAGS[@]}" >&2
done
time_interleaved bench_model_ "${PROFILE_FLAGS[*]:-}" "$RUNS" "${VARIANTS[@]}" |
    python3 -c '
import statistics, subprocess, sys
structs, profile = sys.argv[1:3]
rows = {line.split()[0]: [float(t) for t in line.split()[1:]] for line in sys.stdin if line.strip()}
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
labels = {
    "modsmith": "`#[derive(modsmith::Model)]`",
    "bevy": "`#[derive(bevy_reflect::Reflect)]`",
    "plain": "plain structs, no derive",
}
runs = len(rows["plain"])
print(f"## #[derive(Model)] compile cost\n\n- {structs} structs of 10 fields, profile {profile}, {runs} interleaved runs each, {rustc}\n")
print("| variant | median s | min s | max s |\n|---|---:|---:|---:|")
median = {name: statistics.median(values) for name, values in rows.items()}
for name, values in rows.items():
    print(f"| {labels[name]} | {median[name]:.3f} | {min(values):.3f} | {max(values):.3f} |")
modsmith, bevy, plain = median["modsmith"], median["bevy"], median["plain"]
print(f"\nratio modsmith / bevy (medians): {modsmith / bevy:.3f}")
own = f"modsmith {modsmith - plain:.3f} s, bevy {bevy - plain:.3f} s"
if bevy > plain:
    own += f", ratio {(modsmith - plain) / (bevy - plain):.3f}"
print(f"each derive over the plain structs (medians): {own}")
' "$STRUCTS" "$PROFILE"
