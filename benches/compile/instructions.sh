#!/usr/bin/env bash
# Instructions rustc executes for the incremental rebuild of `run.sh` (the bench crate's
# `src/lib.rs` touched, incremental state and dependencies built), counted with valgrind's
# cachegrind. Unlike wall-clock time, which drifts by tens of percent on a shared machine,
# the count is the same from run to run, so it can tell a 2% change from noise. The proc
# macro runs inside rustc, so expansion is counted too; page faults and I/O are not, so
# confirm a result with `MODE=incremental bash benches/compile/run.sh`.
#
# Usage: bash benches/compile/instructions.sh
# Env:   STRUCTS=100 FIELDS=10 VARIANTS="modsmith derive_builder"
# Needs: valgrind (cachegrind) and cg_annotate. Uses the workspace and target dir of run.sh.
set -euo pipefail

die() { printf 'instructions.sh: error: %s\n' "$*" >&2; exit 1; }

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
WORK="$SCRIPT_DIR/work"
STRUCTS="${STRUCTS:-100}"
FIELDS="${FIELDS:-10}"
read -r -a SELECTED <<<"${VARIANTS:-modsmith derive_builder}"

command -v valgrind >/dev/null || die "valgrind not found in PATH"
command -v python3 >/dev/null || die "python3 not found in PATH"

python3 "$SCRIPT_DIR/generate.py" --out "$WORK" --repo-root "$REPO_ROOT" \
    --structs "$STRUCTS" --fields "$FIELDS" --variants "${SELECTED[@]}" >&2 ||
    die "generate.py failed"
export CARGO_TARGET_DIR="$WORK/target"
unset CARGO_BUILD_TARGET
cd "$WORK"

COUNTS="$(mktemp -d)"
trap 'rm -rf "$COUNTS"' EXIT
# The wrapper runs the bench crate's rustc under cachegrind and every other rustc as is.
cat >"$COUNTS/wrapper.sh" <<EOF
#!/usr/bin/env bash
rustc="\$1"; shift
case " \$* " in
  *" --crate-name bench_"*)
    exec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$COUNTS/out.%p" \
        "\$rustc" "\$@" 2>>"$COUNTS/valgrind.log" ;;
  *) exec "\$rustc" "\$@" ;;
esac
EOF
chmod +x "$COUNTS/wrapper.sh"

declare -A IR=()
for v in "${SELECTED[@]}"; do
    pkg="bench_$v"
    cargo build -q -p "$pkg" || die "$pkg failed to build"
    touch "$pkg/src/lib.rs"
    rm -f "$COUNTS"/out.*
    RUSTC_WRAPPER="$COUNTS/wrapper.sh" cargo build -q -p "$pkg" || die "$pkg failed to build under cachegrind"
    IR[$v]="$(grep -h '^summary:' "$COUNTS"/out.* | awk '{ total += $2 } END { print total }')"
    [[ -n "${IR[$v]}" ]] || die "no cachegrind output for $pkg (log: $COUNTS/valgrind.log)"
done

printf '| variant | instructions (incremental rebuild) |\n|---|---:|\n'
for v in "${SELECTED[@]}"; do
    printf '| %s | %s |\n' "$v" "$(python3 -c "print(f'{${IR[$v]} / 1e9:.3f} G')")"
done
if [[ -n "${IR[modsmith]:-}" && -n "${IR[derive_builder]:-}" ]]; then
    python3 -c "print(f'\n- modsmith / derive_builder: **{${IR[modsmith]} / ${IR[derive_builder]}:.2f}x**')"
fi
