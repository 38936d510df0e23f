#!/usr/bin/env bash
# Compile cost of `api_client!`: builds a crate holding one client with ENDPOINTS endpoints
# (default 100) and reports the median wall-clock time of `cargo build` of that crate alone,
# right after `cargo clean -p` of it, dependencies prebuilt.
#
# Usage: bash benches/compile/api_client.sh        (env: ENDPOINTS=100 RUNS=5 PROFILE=dev)
# Expanded lines per endpoint are measured by the macros crate's unit test
# `at_most_40_expanded_lines_per_endpoint` (run it with --nocapture to see the figure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/benches/compile/work/api_client"
ENDPOINTS="${ENDPOINTS:-100}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
[[ "$ENDPOINTS" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "ENDPOINTS and RUNS must be whole numbers" >&2; exit 2; }
PROFILE_FLAGS=()
[[ "$PROFILE" == "release" ]] && PROFILE_FLAGS=(--release)

mkdir -p "$WORK/src"
cat > "$WORK/Cargo.toml" <<TOML
[package]
name = "bench_api_client"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
modsmith = { path = "$ROOT", features = ["http"] }
serde = { version = "1", features = ["derive"] }
TOML

python3 - "$ENDPOINTS" > "$WORK/src/lib.rs" <<'PY'
import sys
count = int(sys.argv[1])
methods = ["get", "post", "put", "delete"]
print("#![allow(dead_code)]")
print("#[derive(serde::Serialize, serde::Deserialize)] pub struct Item { id: u64, name: String }")
print("modsmith::api_client! {")
print('    #[client(base_url = "https://api.example.com/v1", auth = bearer, timeout = "10s", retries = 2)]')
print('    #[headers("Accept" = "application/json")]')
print("    pub struct Api {")
for i in range(count):
    method = methods[i % len(methods)]
    print(f"        /// Endpoint {i}.")
    if method == "get":
        print(f'        #[get("/items{i}/{{id}}")] fn get_{i}(id: u64, #[query] verbose: Option<bool>) -> Item;')
    elif method == "post":
        print(f'        #[post("/items{i}")] fn post_{i}(#[body] item: &Item) -> Item;')
    elif method == "put":
        print(f'        #[put("/items{i}/{{id}}")] fn put_{i}(id: u64, #[header("X-Request-Id")] request_id: &str, #[body] item: &Item);')
    else:
        print(f'        #[delete("/items{i}/{{id}}")] fn delete_{i}(id: u64);')
print("    }")
print("}")
PY

cd "$WORK"
export CARGO_TARGET_DIR="$WORK/target"
echo "[bench] prebuilding dependencies" >&2
cargo build -q "${PROFILE_FLAGS[@]}" >&2
times=()
for ((run = 1; run <= RUNS; run++)); do
    cargo clean -q -p bench_api_client "${PROFILE_FLAGS[@]}"
    start=$(date +%s.%N)
    cargo build -q "${PROFILE_FLAGS[@]}" >&2
    end=$(date +%s.%N)
    secs=$(python3 -c "print(f'{$end - $start:.3f}')")
    echo "[bench] run $run/$RUNS: ${secs}s" >&2
    times+=("$secs")
done
python3 - "$ENDPOINTS" "$PROFILE" "${times[@]}" <<'PY'
import statistics, subprocess, sys
endpoints, profile, times = sys.argv[1], sys.argv[2], [float(t) for t in sys.argv[3:]]
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
print(f"## api_client! compile cost\n\n- {endpoints} endpoints, profile {profile}, {len(times)} runs, {rustc}\n")
print("| median s | min s | max s |\n|---:|---:|---:|")
print(f"| {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |")
PY
