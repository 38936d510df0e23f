#!/usr/bin/env bash
# Python's figure for the call `benches/peers/benches/module_calls.rs` measures in Rust: a
# function `add(a, b)` set on a module made at run time (`types.ModuleType`), called by name
# (`getattr(mod, "add")(1, 2)`) and as an attribute (`mod.add(1, 2)`), and for scale as a
# plain local function (`add(1, 2)`), timed by
# `python3 -m timeit` (best of its repeats, per loop). The module also holds 49 other
# functions, as the Rust modules do. Figures in `benches/RESULTS.md`.
#
# Usage: bash benches/peers/python_module_call.sh
set -euo pipefail

if ! command -v python3 >/dev/null; then
    echo "python3 not found: skipping the Python figure" >&2
    exit 0
fi

setup='
import types
mod = types.ModuleType("bench")
def add(a, b):
    return a + b
for verb in ["get", "set", "parse", "format", "load", "save", "validate"]:
    for noun in ["user", "config", "header", "path", "token", "entry", "record"]:
        setattr(mod, verb + "_" + noun, lambda a, b: a ^ b)
mod.add = add
'

python3 --version
echo -n 'getattr(mod, "add")(1, 2): '
python3 -m timeit -s "$setup" 'getattr(mod, "add")(1, 2)'
echo -n 'mod.add(1, 2):             '
python3 -m timeit -s "$setup" 'mod.add(1, 2)'
echo -n 'add(1, 2):                 '
python3 -m timeit -s "$setup" 'add(1, 2)'
