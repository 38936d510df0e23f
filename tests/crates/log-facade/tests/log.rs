//! With tracing's `log` feature and no tracing subscriber, an instrumented function's span is
//! seen by a `log` logger: its name, level and recorded arguments, with secrets redacted.

use std::sync::{Mutex, PoisonError};

use log::{Level, Log, Metadata, Record};

/// A `log` logger keeping every record as `level target message`.
struct Capture {
    lines: Mutex<Vec<String>>,
}

impl Log for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &Record<'_>) {
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }

    fn flush(&self) {}
}

static CAPTURE: Capture = Capture {
    lines: Mutex::new(Vec::new()),
};

fn captured() -> Vec<String> {
    CAPTURE
        .lines
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

// One test: the logger and its level are global to the test binary.
#[test]
fn spans_reach_a_log_logger_without_a_tracing_subscriber() {
    log::set_logger(&CAPTURE).expect("the only logger in this test binary");

    // The span is at `debug`: a logger at `info` gets nothing.
    log::set_max_level(log::LevelFilter::Info);
    assert_eq!(
        modsmith_test_log_facade::orders::place("pear", 1, "hunter2"),
        11
    );
    assert_eq!(captured(), Vec::<String>::new());

    log::set_max_level(log::LevelFilter::Trace);
    assert_eq!(
        modsmith_test_log_facade::orders::place("apple", 3, "hunter2"),
        22
    );
    let lines = captured();
    let created = lines
        .iter()
        .find(|line| line.contains("place;"))
        .unwrap_or_else(|| panic!("no record of the span's creation in {lines:#?}"));
    assert!(
        created.starts_with(&Level::Debug.to_string()),
        "the span's level: {created}"
    );
    assert!(created.contains("item=\"apple\""), "{created}");
    assert!(created.contains("quantity=3"), "{created}");
    assert!(created.contains("token=\"***\""), "{created}");
    assert!(
        !lines.iter().any(|line| line.contains("hunter2")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.contains("-> place;")),
        "no record of entering the span in {lines:#?}"
    );
}
