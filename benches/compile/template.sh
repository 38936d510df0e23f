#!/usr/bin/env bash
# Compile cost of `template!`: INSTANCES instantiations (default 200) of a 30-line template,
# against the same code from a hand-written `macro_rules!` (which, unable to build
# identifiers, takes the one `${snake(Name)}_len` name as an extra argument). Reports the
# median wall-clock time of `cargo build` of each crate alone, right after `cargo clean -p`
# of it, dependencies prebuilt; the two variants' runs are interleaved.
#
# Usage: bash benches/compile/template.sh        (env: INSTANCES=200 RUNS=5 PROFILE=dev)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/template"
INSTANCES="${INSTANCES:-200}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
[[ "$INSTANCES" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "INSTANCES and RUNS must be whole numbers" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)
VARIANTS=(modsmith macro_rules)

mkdir -p "$WORK"
cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["modsmith", "macro_rules"]
resolver = "3"
TOML
for variant in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$variant/src"
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench_template_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
modsmith = { path = "$ROOT", default-features = false }
TOML
    python3 - "$INSTANCES" "$variant" > "$WORK/$variant/src/lib.rs" <<'PY'
import sys
count, variant = int(sys.argv[1]), sys.argv[2]
# The body, 30 lines, with `$` placeholders shared by both variants; LEN is the one
# identifier the template builds and the macro_rules! takes as an argument.
body = """
        pub struct $Name {
            rows: ::std::collections::BTreeMap<$Key, $Entity>,
            inserts: u64,
        }

        impl $Name {
            pub const TABLE: &'static str = $table;
            pub const CAPACITY: usize = $capacity;

            pub fn new() -> Self {
                Self { rows: ::std::collections::BTreeMap::new(), inserts: 0 }
            }

            pub fn insert(&mut self, key: $Key, row: $Entity) -> Option<$Entity> {
                self.inserts += 1;
                if self.rows.len() >= Self::CAPACITY {
                    return Some(row);
                }
                self.rows.insert(key, row)
            }

            pub fn get(&self, key: &$Key) -> Option<&$Entity> {
                self.rows.get(key)
            }

            pub fn LEN(&self) -> usize {
                self.rows.len()
            }
        }
"""
print("#![allow(dead_code, clippy::new_without_default)]")
print("pub struct Entity { pub id: u64, pub name: String }")
if variant == "modsmith":
    print("modsmith::template! {")
    print("    template repository(Name: ident, Entity: type, Key: type = u64, table: str, capacity: expr = 16) {")
    print(body.replace("LEN", "${snake(Name)}_len"))
    print("    }")
    print("}")
    for i in range(count):
        print(f'repository! {{ pub mod instance{i}; Name = Repository{i}, Entity = Entity, table = "table{i}", capacity = {i} + 1 }}')
else:
    print("macro_rules! repository {")
    print("    (mod $module:ident; Name = $Name:ident, len = $len:ident, Entity = $Entity:ty, table = $table:literal, capacity = $capacity:expr) => {")
    print("        repository! { mod $module; Name = $Name, len = $len, Entity = $Entity, Key = u64, table = $table, capacity = $capacity }")
    print("    };")
    print("    (mod $module:ident; Name = $Name:ident, len = $len:ident, Entity = $Entity:ty, Key = $Key:ty, table = $table:literal, capacity = $capacity:expr) => {")
    print("        pub mod $module {")
    print("        use super::*;")
    print(body.replace("LEN", "$len"))
    print("        }")
    print("    };")
    print("}")
    for i in range(count):
        print(f'repository! {{ mod instance{i}; Name = Repository{i}, len = repository{i}_len, Entity = Entity, table = "table{i}", capacity = {i} + 1 }}')
PY
done

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
source "$ROOT/benches/compile/interleaved.sh"
time_interleaved bench_template_ "${PROFILE_FLAGS[*]:-}" "$RUNS" "${VARIANTS[@]}" |
    report "template! compile cost" "$INSTANCES instantiations of a 30-line template, profile $PROFILE" \
        "\`template!\`" "hand-written \`macro_rules!\`" "template! / macro_rules!"
