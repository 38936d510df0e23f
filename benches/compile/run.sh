#!/usr/bin/env bash
# Compile-time benchmark: how long `cargo build` takes for a crate of STRUCTS structs x
# FIELDS fields, with only that crate rebuilt (dependencies prebuilt), for:
#   handwritten     plain Rust (struct, new, getters, simple builder), no macros
#   modsmith        #[derive(modsmith::Data)]   (path dependency on this repository)
#   bon             #[derive(bon::Builder)]     (bon 3.x from crates.io)
#   derive_builder  #[derive(derive_builder::Builder)] (derive_builder 0.20)
#
# Usage: bash benches/compile/run.sh        (from any directory)
# Env:   STRUCTS=100 FIELDS=10 RUNS=5 PROFILE=dev|release NICE=10 MODE=cold|incremental
#        VARIANTS="handwritten modsmith bon derive_builder"
# Progress goes to stderr; the Markdown report goes to stdout and to
# benches/compile/work/results/. See benches/compile/README.md.
set -euo pipefail

die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf '[bench] %s\n' "$*" >&2; }

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
WORK="$SCRIPT_DIR/work"
TARGET="$WORK/target"
LOGS="$WORK/logs"
RESULTS="$WORK/results"
ALL_VARIANTS="handwritten modsmith bon derive_builder"

STRUCTS="${STRUCTS:-100}"
FIELDS="${FIELDS:-10}"
RUNS="${RUNS:-5}"
PROFILE="${PROFILE:-dev}"
NICE="${NICE:-10}"
# cold: the crate rebuilt from nothing (`cargo clean -p`); incremental: the rebuild a user
# waits for after an edit, with incremental compilation on and the file holding the structs
# touched.
MODE="${MODE:-cold}"
VARIANTS="${VARIANTS:-$ALL_VARIANTS}"
MAX_ATTEMPTS=3 # per run, when something besides the bench crate got rebuilt

# ---------------------------------------------------------------- checks
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
is_uint "$STRUCTS" && ((STRUCTS >= 1)) || die "STRUCTS must be a positive integer (got '$STRUCTS')"
is_uint "$FIELDS" && ((FIELDS >= 1)) || die "FIELDS must be a positive integer (got '$FIELDS')"
is_uint "$RUNS" && ((RUNS >= 1)) || die "RUNS must be a positive integer (got '$RUNS')"
is_uint "$NICE" || die "NICE must be a non-negative integer niceness (got '$NICE')"
case "$PROFILE" in
    dev | debug) PROFILE=dev PROFILE_FLAGS=() PROFILE_DIR=debug ;;
    release) PROFILE_FLAGS=(--release) PROFILE_DIR=release ;;
    *) die "PROFILE must be 'dev' or 'release' (got '$PROFILE')" ;;
esac
case "$MODE" in
    cold | incremental) ;;
    *) die "MODE must be 'cold' or 'incremental' (got '$MODE')" ;;
esac
read -r -a SELECTED <<<"$VARIANTS"
((${#SELECTED[@]} > 0)) || die "VARIANTS is empty; choose from: $ALL_VARIANTS"
for v in "${SELECTED[@]}"; do
    [[ " $ALL_VARIANTS " == *" $v "* ]] || die "unknown variant '$v' in VARIANTS; choose from: $ALL_VARIANTS"
done
command -v cargo >/dev/null || die "cargo not found in PATH"
command -v rustc >/dev/null || die "rustc not found in PATH"
command -v python3 >/dev/null || die "python3 not found in PATH (needed by generate.py)"
[[ -f "$REPO_ROOT/Cargo.toml" ]] && grep -q '^name = "modsmith"' "$REPO_ROOT/Cargo.toml" ||
    die "expected the modsmith package at $REPO_ROOT (resolved from the script's location)"

# The bench workspace must use its own target dir, never the repository's target/.
export CARGO_TARGET_DIR="$TARGET"
unset CARGO_BUILD_TARGET # keep the $TARGET/<profile> layout the script relies on

cargo_() {
    if ((NICE > 0)); then nice -n "$NICE" cargo "$@"; else cargo "$@"; fi
}
now() { date +%s.%N; }

# ---------------------------------------------------------------- generate
say "generating $STRUCTS structs x $FIELDS fields for: ${SELECTED[*]} (in $WORK)"
python3 "$SCRIPT_DIR/generate.py" --out "$WORK" --repo-root "$REPO_ROOT" \
    --structs "$STRUCTS" --fields "$FIELDS" --variants "${SELECTED[@]}" ||
    die "generate.py failed"
mkdir -p "$LOGS" "$RESULTS"
cd "$WORK" # cargo config discovery starts from the bench workspace, not the caller's cwd
: >"$RESULTS/times.tsv"

declare -A FAILED=()

show_log() { # print a cargo log, dropping the noisy "Compiling/Checking x" progress lines
    grep -vE '^\s*(Compiling|Checking|Downloaded|Downloading|Locking|Adding|Updating|Blocking) ' "$1" >&2 || true
}

# ---------------------------------------------------------------- prebuild
for v in "${SELECTED[@]}"; do
    pkg="bench_$v"
    log="$LOGS/$v-prebuild.log"
    say "prebuilding $pkg and its dependencies ($PROFILE profile; log: $log)"
    if ! cargo_ build -p "$pkg" "${PROFILE_FLAGS[@]}" --color never >"$log" 2>&1; then
        printf '\nrun.sh: error: variant "%s" failed to build; cargo said:\n' "$v" >&2
        show_log "$log"
        FAILED[$v]=1
    fi
done

# ---------------------------------------------------------------- measure
# Prints the crates cargo compiled, as listed by the "Compiling <name> v<version>" lines.
compiled_crates() { sed -nE 's/^\s*Compiling ([^ ]+) .*/\1/p' "$1" | sort -u | tr '\n' ' '; }

# Runs are interleaved (run 1 of every variant, then run 2, ...) so that a slow spell of the
# machine lands on all variants alike instead of on whichever was being measured.
for ((run = 1; run <= RUNS; run++)); do
    for v in "${SELECTED[@]}"; do
        [[ -z "${FAILED[$v]:-}" ]] || continue
        pkg="bench_$v"
        for ((attempt = 1; ; attempt++)); do
            log="$LOGS/$v-run$run.log"
            # Untimed: bring dependencies up to date (e.g. modsmith sources edited since).
            cargo_ build -p "$pkg" "${PROFILE_FLAGS[@]}" --color never >"$log" 2>&1 || {
                printf '\nrun.sh: error: variant "%s" stopped building; cargo said:\n' "$v" >&2
                show_log "$log"
                FAILED[$v]=1
                continue 2
            }
            if [[ "$MODE" == cold ]]; then
                cargo_ clean -p "$pkg" "${PROFILE_FLAGS[@]}" --quiet
                # cargo clean -p already removes these; make sure no incremental state survives.
                rm -rf "$TARGET/$PROFILE_DIR/incremental/$pkg-"*
            else
                # The build above left the incremental state of the unchanged crate.
                touch "$WORK/bench_$v/src/lib.rs"
            fi
            t0="$(now)"
            if ! cargo_ build -p "$pkg" "${PROFILE_FLAGS[@]}" --color never >"$log" 2>&1; then
                printf '\nrun.sh: error: variant "%s" failed to build in run %d; cargo said:\n' "$v" "$run" >&2
                show_log "$log"
                FAILED[$v]=1
                continue 2
            fi
            t1="$(now)"
            secs="$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$t0" "$t1")"
            compiled="$(compiled_crates "$log")"
            if [[ "$compiled" == "$pkg " ]]; then
                break
            fi
            if ((attempt >= MAX_ATTEMPTS)); then
                die "variant $v run $run: cargo rebuilt more than $pkg ($compiled) in $attempt attempts; are dependencies being edited? (log: $log)"
            fi
            say "  $v run $run: cargo rebuilt '$compiled' not just $pkg (dependency changed?); retrying"
        done
        printf '%s\t%s\n' "$v" "$secs" >>"$RESULTS/times.tsv"
        say "  $v run $run/$RUNS: ${secs}s"
    done
done

# ---------------------------------------------------------------- report
: >"$RESULTS/lines.tsv"
for v in "${SELECTED[@]}"; do
    printf '%s\t%s\n' "$v" "$(wc -l <"$WORK/bench_$v/src/lib.rs")" >>"$RESULTS/lines.tsv"
done

modsmith_rev="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git --no-optional-locks -C "$REPO_ROOT" status --porcelain 2>/dev/null | head -n 1)" ]]; then
    modsmith_rev+=" + uncommitted changes"
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
report="$RESULTS/report-$stamp.md"

BENCH_ORDER="${SELECTED[*]}" BENCH_FAILED="${!FAILED[*]}" BENCH_RUNS="$RUNS" \
    BENCH_STRUCTS="$STRUCTS" BENCH_FIELDS="$FIELDS" BENCH_PROFILE="$PROFILE" BENCH_MODE="$MODE" \
    BENCH_REV="$modsmith_rev" BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M:%S UTC')" \
    BENCH_RUSTC="$(rustc -V)" BENCH_CARGO="$(cargo -V)" BENCH_NPROC="$(nproc)" \
    BENCH_RUSTFLAGS="${RUSTFLAGS:-}" \
    python3 - "$RESULTS/times.tsv" "$RESULTS/lines.tsv" "$WORK/Cargo.lock" <<'PY' | tee "$report"
import os, re, statistics, sys

times_f, lines_f, lock_f = sys.argv[1:4]
env = os.environ
order = env["BENCH_ORDER"].split()
failed = set(env["BENCH_FAILED"].split())
times = {v: [] for v in order}
for line in open(times_f):
    v, s = line.rstrip("\n").split("\t")
    times[v].append(float(s))
lines = dict(l.rstrip("\n").split("\t") for l in open(lines_f) if l.strip())

versions = {}
try:
    lock = open(lock_f).read()
    for name, ver in re.findall(r'\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"', lock):
        versions[name] = ver
except FileNotFoundError:
    pass

label = {
    "handwritten": "handwritten",
    "modsmith": f"modsmith {versions.get('modsmith', '?')} ({env['BENCH_REV']})",
    "bon": f"bon {versions.get('bon', '?')}",
    "derive_builder": f"derive_builder {versions.get('derive_builder', '?')}",
}

print("## modsmith compile-time benchmark")
print()
print(f"- date: {env['BENCH_DATE']}")
print(f"- rustc: {env['BENCH_RUSTC']}")
print(f"- cargo: {env['BENCH_CARGO']}")
print(f"- nproc: {env['BENCH_NPROC']}")
print(f"- crate: {env['BENCH_STRUCTS']} structs x {env['BENCH_FIELDS']} fields; "
      f"profile: {env['BENCH_PROFILE']}; runs per variant: {env['BENCH_RUNS']}")
if env["BENCH_MODE"] == "incremental":
    print("- measured (incremental): wall clock of `cargo build -p bench_<variant>` right after "
          "touching its `src/lib.rs`, incremental state and dependencies already built")
else:
    print("- measured (cold): wall clock of `cargo build -p bench_<variant>` right after "
          "`cargo clean -p bench_<variant>`, dependencies already built")
if env["BENCH_RUSTFLAGS"]:
    print(f"- RUSTFLAGS: {env['BENCH_RUSTFLAGS']}")
print()
print("| variant | median s | min s | max s | runs | source lines |")
print("|---|---:|---:|---:|---:|---:|")
med = {}
for v in order:
    t = times[v]
    if v in failed or not t:
        print(f"| {label[v]} | FAILED | | | {len(t)} | {lines.get(v, '?')} |")
        continue
    med[v] = statistics.median(t)
    print(f"| {label[v]} | {med[v]:.3f} | {min(t):.3f} | {max(t):.3f} | {len(t)} | {lines.get(v, '?')} |")
ratios = [(o, med["modsmith"] / med[o]) for o in ("derive_builder", "bon", "handwritten")
          if "modsmith" in med and med.get(o, 0) > 0]
if ratios:
    print()
    for o, r in ratios:
        print(f"- modsmith / {o} (median): **{r:.2f}x**")
if failed:
    print()
    print("Failed variants: " + ", ".join(sorted(failed)) + " (logs in benches/compile/work/logs/)")
PY

say "report saved to $report"
if ((${#FAILED[@]} > 0)); then
    die "variant(s) failed to build: ${!FAILED[*]} (logs in $LOGS)"
fi
