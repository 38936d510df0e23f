"""CPython's side of `benches/script_vm.rs`: the same programs as `scripts/script_vm.ms`,
timed inside Python so that interpreter start-up is not measured.

Usage: python3 script_vm.py PROGRAM [SOURCE_FILE]

PROGRAM is one of fib, sum_to, build, build_join, total_dicts, total_tuples, compile
(`compile` reads SOURCE_FILE, the Python twin of the generated script). The data of a
program is prepared before any timing. The process prints `ready <check>` (a result the
bench compares with the VM's), then for each line read from stdin, an iteration count, runs
the program that many times and prints the seconds it took, measured with
`time.perf_counter()`. It ends at end of input.
"""

import sys
from types import FunctionType
from time import perf_counter


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def sum_to(n):
    total = 0
    for i in range(n):
        total += i
    return total


def build(n):
    # One append per piece, as the script does; CPython appends in place when the string
    # has no other reference.
    out = ""
    for i in range(n):
        out += str(i)
        out += ","
    return out


def build_join(n):
    # The idiomatic Python way, for comparison.
    return "".join([str(i) + "," for i in range(n)])


def total_dicts(items, tier):
    total = 0
    for item in items:
        total += item["cents"] * item["qty"]
    match tier:
        case "gold":
            return total * 90 // 100
        case "silver":
            return total * 95 // 100
        case _:
            return total


def total_tuples(items, tier):
    total = 0
    for _name, cents, qty in items:
        total += cents * qty
    match tier:
        case "gold":
            return total * 90 // 100
        case "silver":
            return total * 95 // 100
        case _:
            return total


def items(count):
    """The records of the Rust side: name "item {i}", cents 100 + i % 900, qty 1 + i % 5."""
    return [(f"item {i}", 100 + i % 900, 1 + i % 5) for i in range(count)]


def program(name, argv):
    """The function to time, with its arguments bound, and its check value."""
    if name == "fib":
        return lambda: fib(27), lambda result: result
    if name == "sum_to":
        return lambda: sum_to(10_000_000), lambda result: result
    if name == "build":
        return lambda: build(100_000), len
    if name == "build_join":
        return lambda: build_join(100_000), len
    if name == "total_dicts":
        records = [{"name": n, "cents": c, "qty": q} for n, c, q in items(100_000)]
        return lambda: total_dicts(records, "gold"), lambda result: result
    if name == "total_tuples":
        records = items(100_000)
        return lambda: total_tuples(records, "gold"), lambda result: result
    if name == "compile":
        with open(argv[0], encoding="utf-8") as file:
            source = file.read()

        def functions(code):
            # The compiled module run once: how many functions it defines, which the bench
            # compares with the script's.
            namespace = {"__name__": "bench"}
            exec(code, namespace)
            return sum(1 for value in namespace.values()
                       if isinstance(value, FunctionType) and value.__module__ == "bench")

        return lambda: compile(source, "<bench>", "exec"), functions
    raise SystemExit(f"unknown program {name!r}")


def main():
    run, check = program(sys.argv[1], sys.argv[2:])
    print("ready", check(run()), flush=True)
    for line in sys.stdin:
        iterations = int(line)
        start = perf_counter()
        for _ in range(iterations):
            run()
        elapsed = perf_counter() - start
        print(repr(elapsed), flush=True)


if __name__ == "__main__":
    main()
