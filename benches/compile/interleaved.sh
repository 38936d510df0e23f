# Shared by the compile benches that compare two crates: sourced, not run.
#
# time_interleaved PACKAGE_PREFIX PROFILE_FLAGS_WORD RUNS VARIANT...
#   From the current directory (a cargo workspace with CARGO_TARGET_DIR set), prebuilds the
#   dependencies, then RUNS times, for each variant in turn, `cargo clean -p` and times
#   `cargo build -p PACKAGE_PREFIX<variant>`, so that a slow spell on the machine hits every
#   variant. Prints one line per variant to stdout: "<variant> <seconds> <seconds> ...".
time_interleaved() {
    local prefix="$1" profile_flag="$2" runs="$3"
    shift 3
    local flags=()
    [[ -n "$profile_flag" ]] && flags=("$profile_flag")
    echo "[bench] prebuilding dependencies" >&2
    cargo build -q --workspace "${flags[@]}" >&2
    declare -A times
    local run variant start end secs
    for ((run = 1; run <= runs; run++)); do
        for variant in "$@"; do
            cargo clean -q -p "$prefix$variant" "${flags[@]}"
            start=$(date +%s.%N)
            cargo build -q -p "$prefix$variant" "${flags[@]}" >&2
            end=$(date +%s.%N)
            secs=$(python3 -c "print(f'{$end - $start:.3f}')")
            echo "[bench] run $run/$runs $variant: ${secs}s" >&2
            times[$variant]="${times[$variant]:-} $secs"
        done
    done
    for variant in "$@"; do
        echo "$variant${times[$variant]}"
    done
}

# report TITLE DESCRIPTION FIRST_LABEL SECOND_LABEL RATIO_LABEL < timing lines
#   A Markdown table (median, min, max per variant, in the order of the timing lines) and
#   the ratio of the first variant's median to the second's.
report() {
    python3 -c '
import statistics, subprocess, sys
title, description, first, second, ratio_label = sys.argv[1:6]
rows = [[float(t) for t in line.split()[1:]] for line in sys.stdin if line.strip()]
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
print(f"## {title}\n\n- {description}, {len(rows[0])} interleaved runs each, {rustc}\n")
print("| variant | median s | min s | max s |\n|---|---:|---:|---:|")
for name, values in zip((first, second), rows):
    print(f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | {max(values):.3f} |")
print(f"\nratio {ratio_label} (medians): {statistics.median(rows[0]) / statistics.median(rows[1]):.3f}")
' "$@"
}
