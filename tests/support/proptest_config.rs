//! The property tests' configuration, shared by the integration tests that include this file:
//! 512 cases by default, the full count from `MODSMITH_PROPTEST_CASES` (100,000 in a full
//! run), and no regression files written into the tree.

pub fn config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: std::env::var("MODSMITH_PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(512),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}
