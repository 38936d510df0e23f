//! trybuild suites: `tests/ui/<macro>/pass` compile and run, `tests/ui/<macro>/fail` fail
//! with the recorded diagnostics. The `.stderr` files depend on the compiler version, so the
//! suites run on the stable compiler they were recorded with and are absent elsewhere.

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/*/pass/*.rs");
    cases.compile_fail("tests/ui/*/fail/*.rs");
}
