//! trybuild suites: `tests/ui/<macro>/pass` compile and run, `tests/ui/<macro>/fail` fail
//! with the recorded diagnostics. The `.stderr` files depend on the compiler version, so the
//! suites run on the stable compiler they were recorded with; elsewhere the test says it
//! skipped them, and why.

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/*/pass/*.rs");
    cases.compile_fail("tests/ui/*/fail/*.rs");
}

#[rustversion::not(stable(1.95))]
#[test]
fn ui() {
    use std::io::Write as _;
    // Written to stderr directly, not with `eprintln!`: the test harness captures what the
    // print macros write and shows it only for failing tests, and this must always show.
    let _ = writeln!(
        std::io::stderr(),
        "ui suite SKIPPED: its .stderr files were recorded with stable 1.95, and this \
         compiler's diagnostics differ; run it with stable 1.95"
    );
}
