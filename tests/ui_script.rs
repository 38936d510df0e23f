//! trybuild suite of `script!` (feature `script`): `tests/ui_script/pass` compile and run,
//! `tests/ui_script/fail` fail with the recorded diagnostics (inline scripts spanned on their
//! tokens; files with `file:line:col` and the source line). Recorded with stable 1.95.

#[rustversion::stable(1.95)]
#[test]
fn ui_script() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui_script/pass/*.rs");
    cases.compile_fail("tests/ui_script/fail/*.rs");
}

#[rustversion::not(stable(1.95))]
#[test]
fn ui_script() {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "ui_script suite SKIPPED: its .stderr files were recorded with stable 1.95"
    );
}
