//! Behaviour of `#[instrument]` under a real `tracing` subscriber that records every span,
//! field and event: names, levels, targets, recorded and redacted fields, arguments without
//! `Debug`, `ret`/`err`/`time`, merging and filters in blocks, async, cancellation, panics.

// Generated code must not make users pay in warnings, and a warning silenced where it is
// raised must stay silent.
#![deny(unused, deprecated)]

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

#[derive(Debug, Clone, Default)]
struct SpanRecord {
    name: String,
    level: String,
    target: String,
    fields: Vec<(String, String)>,
    closed: bool,
}

#[derive(Debug, Clone)]
struct EventRecord {
    level: String,
    fields: Vec<(String, String)>,
    span: Option<String>,
}

#[derive(Default, Clone)]
struct Recorded {
    spans: Arc<Mutex<Vec<(u64, SpanRecord)>>>,
    events: Arc<Mutex<Vec<EventRecord>>>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorded {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut record = SpanRecord {
            name: attrs.metadata().name().to_owned(),
            level: attrs.metadata().level().to_string(),
            target: attrs.metadata().target().to_owned(),
            ..SpanRecord::default()
        };
        attrs.record(&mut Fields(&mut record.fields));
        self.spans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id.into_u64(), record));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, record)) = spans
            .iter_mut()
            .rev()
            .find(|(span, _)| *span == id.into_u64())
        {
            values.record(&mut Fields(&mut record.fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let span = context.lookup_current().map(|span| span.name().to_owned());
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(EventRecord {
                level: event.metadata().level().to_string(),
                fields,
                span,
            });
    }

    fn on_close(&self, id: Id, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, record)) = spans
            .iter_mut()
            .rev()
            .find(|(span, _)| *span == id.into_u64())
        {
            record.closed = true;
        }
    }
}

impl Recorded {
    fn spans(&self) -> Vec<SpanRecord> {
        self.spans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(_, record)| record.clone())
            .collect()
    }

    fn span(&self, name: &str) -> SpanRecord {
        self.spans()
            .into_iter()
            .find(|span| span.name == name)
            .unwrap_or_else(|| panic!("no span {name:?} in {:?}", self.spans()))
    }

    fn events(&self) -> Vec<EventRecord> {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn field(span: &SpanRecord, name: &str) -> Option<String> {
    span.fields
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.clone())
}

/// Runs `work` under a recording subscriber with `max_level` enabled.
fn recorded<R>(max_level: tracing::Level, work: impl FnOnce() -> R) -> (R, Recorded) {
    let recorded = Recorded::default();
    let subscriber = tracing_subscriber::registry().with(recorded.clone()).with(
        tracing_subscriber::filter::LevelFilter::from_level(max_level),
    );
    let result = tracing::subscriber::with_default(subscriber, work);
    (result, recorded)
}

/// A type without `Debug`: it must be left out, not fail to compile.
pub struct Opaque;

/// Counts how often it is formatted.
pub struct Counted(Arc<AtomicUsize>);

impl fmt::Debug for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fetch_add(1, Ordering::SeqCst);
        f.write_str("Counted")
    }
}

#[modsmith::instrument]
fn plain(count: u32, label: &str, opaque: Opaque, password: &str, #[redact] pin: u16) -> u32 {
    let _ = (opaque, password, pin);
    count + label.len() as u32
}

// `accessToken` is camelCase on purpose: the rule splits both styles into words.
#[allow(non_snake_case)]
#[modsmith::instrument]
fn secret_looking(
    author: &str,
    tokens_count: u32,
    private_key: &str,
    accessToken: &str,
    #[no_redact] session_token: u8,
) -> usize {
    author.len()
        + tokens_count as usize
        + private_key.len()
        + accessToken.len()
        + session_token as usize
}

#[modsmith::instrument(level = "debug", target = "custom", name = "renamed", skip(label))]
fn options(count: u32, label: &str) -> u32 {
    count + label.len() as u32
}

#[modsmith::instrument(level = "debug")]
fn counted(value: &Counted) -> usize {
    let _ = value;
    1
}

#[modsmith::instrument(ret, err, time)]
fn checked(value: i32) -> Result<i32, String> {
    if value < 0 {
        return Err(format!("{value} is negative"));
    }
    let doubled = value.checked_mul(2).ok_or("overflow")?;
    Ok(doubled)
}

#[modsmith::instrument(err(Debug))]
fn failing() -> Result<(), std::io::Error> {
    Err(std::io::Error::other("disk on fire"))
}

#[modsmith::instrument]
fn panicking() {
    panic!("boom");
}

// On one line on purpose: that is the shape `unused_braces` flags when the generated code
// nests the body as a block (the `#![deny(unused)]` above turns that into a failure).
#[rustfmt::skip]
#[modsmith::instrument]
fn one_line(value: u32) -> u32 { value + 1 }

#[test]
fn a_one_line_body_gets_its_span_and_no_warning() {
    let (result, recorded) = recorded(tracing::Level::TRACE, || one_line(1));
    assert_eq!(result, 2);
    assert_eq!(
        field(&recorded.span("one_line"), "value").as_deref(),
        Some("1")
    );
}

#[test]
fn a_function_gets_a_span_with_its_arguments() {
    let (result, recorded) = recorded(tracing::Level::TRACE, || {
        plain(2, "abc", Opaque, "hunter2", 1234)
    });
    assert_eq!(result, 5);
    let span = recorded.span("plain");
    assert_eq!(span.level, "INFO");
    assert_eq!(span.target, "instrument");
    assert_eq!(field(&span, "count").as_deref(), Some("2"));
    // A `&str` is recorded as a string, as `#[tracing::instrument]` records it.
    assert_eq!(field(&span, "label").as_deref(), Some("abc"));
    assert_eq!(field(&span, "opaque"), None, "no Debug: left out");
    assert_eq!(field(&span, "password").as_deref(), Some("***"));
    assert_eq!(field(&span, "pin").as_deref(), Some("***"));
    assert!(span.closed);
}

#[test]
fn secrets_are_recognised_by_whole_words() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        secret_looking("ann", 2, "k3y", "t0k", 7)
    });
    let span = recorded.span("secret_looking");
    // Names that only contain a secret word are recorded ...
    assert_eq!(field(&span, "author").as_deref(), Some("ann"));
    assert_eq!(field(&span, "tokens_count").as_deref(), Some("2"));
    // ... names whose words are a secret are not, in snake_case and camelCase alike ...
    assert_eq!(field(&span, "private_key").as_deref(), Some("***"));
    assert_eq!(field(&span, "accessToken").as_deref(), Some("***"));
    // ... unless `#[no_redact]` says so.
    assert_eq!(field(&span, "session_token").as_deref(), Some("7"));
}

#[test]
fn level_target_name_and_skip_apply() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || options(1, "x"));
    let span = recorded.span("renamed");
    assert_eq!(
        (span.level.as_str(), span.target.as_str()),
        ("DEBUG", "custom")
    );
    assert_eq!(field(&span, "count").as_deref(), Some("1"));
    assert_eq!(field(&span, "label"), None);
}

#[test]
fn arguments_are_not_formatted_when_the_span_is_disabled() {
    let formatted = Arc::new(AtomicUsize::new(0));
    let value = Counted(formatted.clone());
    let (_, recorded) = recorded(tracing::Level::INFO, || counted(&value));
    assert!(recorded.spans().is_empty());
    assert_eq!(formatted.load(Ordering::SeqCst), 0);
    let (_, _) = self::recorded(tracing::Level::DEBUG, || counted(&value));
    assert_eq!(formatted.load(Ordering::SeqCst), 1);
}

#[test]
fn ret_err_and_time_are_recorded() {
    let (result, recorded) = recorded(tracing::Level::TRACE, || {
        (checked(4), checked(-1), checked(i32::MAX))
    });
    assert_eq!(result.0, Ok(8));
    let events = recorded.events();
    let returns: Vec<String> = events
        .iter()
        .filter_map(|event| {
            event
                .fields
                .iter()
                .find(|(name, _)| name == "return")
                .map(|(_, value)| value.clone())
        })
        .collect();
    // With `err`, as with `#[tracing::instrument]`: `Ok(x)` records `x`; an `Err` has only
    // its error event.
    assert_eq!(returns, ["8"]);
    let errors: Vec<(String, String)> = events
        .iter()
        .filter_map(|event| {
            event
                .fields
                .iter()
                .find(|(name, _)| name == "error")
                .map(|(_, value)| (event.level.clone(), value.clone()))
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("ERROR".to_owned(), "-1 is negative".to_owned()),
            ("ERROR".to_owned(), "overflow".to_owned())
        ]
    );
    assert!(
        events
            .iter()
            .all(|event| event.span.as_deref() == Some("checked"))
    );
    for span in recorded.spans() {
        assert!(field(&span, "elapsed_us").is_some(), "{span:?}");
    }
    let (_, recorded) = self::recorded(tracing::Level::TRACE, failing);
    let error = recorded
        .events()
        .into_iter()
        .find_map(|event| event.fields.into_iter().find(|(name, _)| name == "error"));
    assert_eq!(
        error.map(|(_, value)| value),
        Some("Custom { kind: Other, error: \"disk on fire\" }".to_owned())
    );
}

#[test]
fn a_panicking_function_still_closes_its_span() {
    let (outcome, recorded) = recorded(tracing::Level::TRACE, || {
        std::panic::catch_unwind(panicking)
    });
    assert!(outcome.is_err());
    assert!(recorded.span("panicking").closed);
}

pub struct Store {
    items: Vec<u32>,
}

pub trait Named {
    fn name(&self) -> &'static str;
}

#[modsmith::instrument(level = "debug", exclude = "helper_*")]
impl Store {
    pub fn get(&self, index: usize) -> Option<u32> {
        self.items.get(index).copied()
    }

    #[instrument(level = "warn", skip(values))]
    pub fn extend(&mut self, values: Vec<u32>, tag: &str) {
        let _ = tag;
        self.items.extend(values);
    }

    #[instrument(skip)]
    pub fn quiet(&self) -> usize {
        self.items.len()
    }

    pub fn helper_sum(&self) -> u32 {
        self.items.iter().sum()
    }

    pub const fn constant() -> u8 {
        7
    }

    fn private_one(&self) -> usize {
        self.items.len()
    }
}

#[modsmith::instrument(only = "pub")]
impl Named for Store {
    fn name(&self) -> &'static str {
        "store"
    }
}

#[test]
fn impl_blocks_merge_options_and_filter_functions() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        let mut store = Store { items: vec![1] };
        store.get(0);
        store.extend(vec![2, 3], "t");
        store.quiet();
        store.helper_sum();
        store.private_one();
        assert_eq!(Store::constant(), 7);
        store.name();
    });
    let names: Vec<String> = recorded.spans().into_iter().map(|span| span.name).collect();
    assert_eq!(
        names,
        [
            "Store::get",
            "Store::extend",
            "Store::private_one",
            "<Store as Named>::name"
        ]
    );
    let get = recorded.span("Store::get");
    assert_eq!(
        (get.level.as_str(), field(&get, "index").as_deref()),
        ("DEBUG", Some("0"))
    );
    let extend = recorded.span("Store::extend");
    assert_eq!(extend.level, "WARN", "the function's own level wins");
    assert_eq!(
        (field(&extend, "values"), field(&extend, "tag").as_deref()),
        (None, Some("t"))
    );
}

#[modsmith::instrument(level = tracing::Level::WARN)]
fn level_by_path() {}

#[modsmith::instrument(level = 2)]
fn level_by_number() {}

#[modsmith::instrument(level = "Error")]
fn level_by_text() {}

#[test]
fn levels_are_written_as_tracing_users_write_them() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        level_by_path();
        level_by_number();
        level_by_text();
    });
    let levels: Vec<(String, String)> = recorded
        .spans()
        .into_iter()
        .map(|span| (span.name, span.level))
        .collect();
    assert_eq!(
        levels,
        [
            ("level_by_path".to_owned(), "WARN".to_owned()),
            ("level_by_number".to_owned(), "DEBUG".to_owned()),
            ("level_by_text".to_owned(), "ERROR".to_owned()),
        ]
    );
}

#[modsmith::instrument]
mod shapes {
    use std::fmt;

    pub struct Circle(pub u32);

    pub trait Describe {
        fn radius(&self) -> u32;

        // A default method: instrumented, named after the trait.
        fn describe(&self) -> String {
            format!("r={}", self.radius())
        }
    }

    impl Describe for Circle {
        fn radius(&self) -> u32 {
            self.0
        }
    }

    // Formatting is called often and indirectly: left alone by default ...
    impl fmt::Display for Circle {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "circle {}", self.0)
        }
    }

    // ... unless the function asks.
    impl fmt::Debug for Circle {
        #[instrument(level = "trace")]
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "Circle({})", self.0)
        }
    }
}

#[test]
fn trait_defaults_are_instrumented_and_formatting_only_when_asked() {
    use shapes::Describe as _;
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        let circle = shapes::Circle(2);
        (circle.describe(), circle.to_string(), format!("{circle:?}"))
    });
    let names: Vec<String> = recorded.spans().into_iter().map(|span| span.name).collect();
    assert_eq!(
        names,
        [
            "Describe::describe",
            "<Circle as Describe>::radius",
            "<Circle as fmt::Debug>::fmt"
        ]
    );
}

#[modsmith::instrument(include = "get_*")]
mod api {
    pub fn get_user(id: u64) -> u64 {
        id
    }

    pub fn other() {}

    pub mod nested {
        pub fn get_deep(flag: bool) -> bool {
            flag
        }
    }
}

#[test]
fn modules_are_instrumented_recursively() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        api::get_user(3);
        api::other();
        api::nested::get_deep(true);
    });
    let spans: Vec<(String, String)> = recorded
        .spans()
        .into_iter()
        .map(|span| (span.name, span.target))
        .collect();
    // Named as `#[tracing::instrument]` and `#[transform(instrument)]` name them: the function
    // (`Type::method` in an `impl`), with the module path as the target.
    assert_eq!(
        spans,
        [
            ("get_user".to_owned(), "instrument::api".to_owned()),
            ("get_deep".to_owned(), "instrument::api::nested".to_owned()),
        ]
    );
}

#[modsmith::instrument(time)]
async fn fetch(id: u32) -> Result<u32, String> {
    tokio::task::yield_now().await;
    let value = parse(id)?;
    tokio::task::yield_now().await;
    Ok(value)
}

fn parse(id: u32) -> Result<u32, String> {
    if id == 0 {
        Err("zero".to_owned())
    } else {
        Ok(id * 10)
    }
}

#[modsmith::instrument]
async fn forever() {
    std::future::pending::<()>().await;
}

#[test]
fn async_functions_keep_their_span_across_awaits_and_close_it_when_dropped() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (results, recorded) = recorded(tracing::Level::TRACE, || {
        runtime.block_on(async {
            let results = (fetch(2).await, fetch(0).await);
            let cancelled =
                tokio::time::timeout(std::time::Duration::from_millis(10), forever()).await;
            (results, cancelled.is_err())
        })
    });
    assert_eq!(results, ((Ok(20), Err("zero".to_owned())), true));
    let spans = recorded.spans();
    let fetches: Vec<&SpanRecord> = spans.iter().filter(|span| span.name == "fetch").collect();
    assert_eq!(fetches.len(), 2);
    assert!(
        fetches
            .iter()
            .all(|span| span.closed && field(span, "elapsed_us").is_some())
    );
    assert!(
        recorded.span("forever").closed,
        "a dropped future closes its span"
    );
}

#[modsmith::instrument(ret, err)]
mod mixed_returns {
    pub fn opaque() -> super::Opaque {
        super::Opaque
    }

    pub fn number() -> u8 {
        7
    }

    pub fn fallible(ok: bool) -> Result<u8, String> {
        if ok { Ok(1) } else { Err("no".to_owned()) }
    }
}

/// An event as (span it was in, its fields).
type EventSummary = (Option<String>, Vec<(String, String)>);

#[test]
fn block_ret_and_err_apply_where_they_can() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        let _ = mixed_returns::opaque();
        let _ = mixed_returns::number();
        let _ = mixed_returns::fallible(true);
        let _ = mixed_returns::fallible(false);
    });
    let events: Vec<EventSummary> = recorded
        .events()
        .into_iter()
        .map(|event| (event.span, event.fields))
        .collect();
    assert_eq!(
        events,
        [
            (
                Some("number".to_owned()),
                vec![("return".to_owned(), "7".to_owned())]
            ),
            // With `err`, `Ok(x)` records `x` and an `Err` only its error.
            (
                Some("fallible".to_owned()),
                vec![("return".to_owned(), "1".to_owned())]
            ),
            (
                Some("fallible".to_owned()),
                vec![("error".to_owned(), "no".to_owned())]
            ),
        ],
        "no return event for a type without Debug; err only on the Result function"
    );
}

#[async_trait::async_trait]
trait Repository {
    async fn load(&self, id: u64) -> Result<u64, String>;
}

/// `#[instrument]` written below `#[async_trait]`: it sees the methods after async-trait has
/// rewritten them into `fn .. -> Pin<Box<dyn Future ..>> { Box::pin(async move { .. }) }`.
struct Boxed;

#[async_trait::async_trait]
#[modsmith::instrument(time, err)]
impl Repository for Boxed {
    async fn load(&self, id: u64) -> Result<u64, String> {
        tokio::task::yield_now().await;
        tracing::info!("loading");
        tokio::task::yield_now().await;
        if id == 0 {
            return Err("zero".to_owned());
        }
        Ok(id * 2)
    }
}

/// `#[instrument]` written above `#[async_trait]`: it sees the `async fn`s themselves.
struct Plain;

#[modsmith::instrument(time)]
#[async_trait::async_trait]
impl Repository for Plain {
    #[instrument(err)]
    async fn load(&self, id: u64) -> Result<u64, String> {
        tokio::task::yield_now().await;
        tracing::info!("loading");
        if id == 0 {
            return Err("zero".to_owned());
        }
        Ok(id * 3)
    }
}

#[test]
fn async_trait_methods_keep_their_span_over_the_whole_future() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let stores: [(&str, &dyn Repository); 2] = [("Boxed", &Boxed), ("Plain", &Plain)];
    for (type_name, store) in stores {
        let (results, recorded) = recorded(tracing::Level::TRACE, || {
            runtime.block_on(async {
                // Built first, polled later: the span must cover the polling.
                let ok = store.load(4);
                let failed = store.load(0);
                (ok.await, failed.await)
            })
        });
        let factor = if type_name == "Boxed" { 2 } else { 3 };
        assert_eq!(results, (Ok(4 * factor), Err("zero".to_owned())));
        let name = format!("<{type_name} as Repository>::load");
        let spans: Vec<SpanRecord> = recorded
            .spans()
            .into_iter()
            .filter(|span| span.name == name)
            .collect();
        assert_eq!(spans.len(), 2, "{type_name}: {:#?}", recorded.spans());
        for span in &spans {
            assert!(span.closed, "{type_name}: {span:?}");
            assert!(field(span, "elapsed_us").is_some(), "{type_name}: {span:?}");
        }
        assert_eq!(field(&spans[0], "id").as_deref(), Some("4"));
        let events = recorded.events();
        let loading: Vec<&EventRecord> = events
            .iter()
            .filter(|event| event.fields.iter().any(|(_, value)| value == "loading"))
            .collect();
        assert_eq!(loading.len(), 2, "{type_name}: {events:#?}");
        assert!(
            loading
                .iter()
                .all(|event| event.span.as_deref() == Some(name.as_str())),
            "{type_name}: the events after an await are inside the span: {events:#?}"
        );
        assert!(
            events.iter().any(|event| event.level == "ERROR"
                && event.span.as_deref() == Some(name.as_str())
                && event.fields.iter().any(|(_, value)| value == "zero")),
            "{type_name}: `err` reports inside the span: {events:#?}"
        );
    }
}

/// A hand-written boxed future after statements that move a parameter: instrumented as a
/// plain function (the span covers building the future), and it must compile.
struct Service;

fn consume(request: String) -> usize {
    request.len()
}

#[modsmith::instrument]
impl Service {
    fn call(
        &self,
        request: String,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = usize> + Send>> {
        let length = consume(request);
        Box::pin(async move { length })
    }
}

#[modsmith::instrument(time)]
async fn timed_outer() -> u8 {
    timed_inner().await
}

#[modsmith::instrument(level = "trace", time)]
async fn timed_inner() -> u8 {
    tokio::task::yield_now().await;
    7
}

#[test]
fn a_boxed_future_after_a_move_and_timers_of_disabled_spans() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let ((length, value), recorded) = recorded(tracing::Level::INFO, || {
        runtime.block_on(async { (Service.call("abc".to_owned()).await, timed_outer().await) })
    });
    assert_eq!((length, value), (3, 7));
    assert!(recorded.span("Service::call").closed);
    // `timed_inner` is disabled at INFO: its timer must not record on `timed_outer`'s span.
    let outer = recorded.span("timed_outer");
    let elapsed = outer
        .fields
        .iter()
        .filter(|(name, _)| name == "elapsed_us")
        .count();
    assert_eq!(elapsed, 1, "{outer:?}");
}

/// `include` matches nothing here, which warns; `#[allow(deprecated)]` on the block reaches
/// the warning (this file denies `deprecated`).
struct Quiet;

#[allow(deprecated)]
#[modsmith::instrument(include = "nothing_*")]
impl Quiet {
    fn value(&self) -> u8 {
        5
    }
}

#[test]
fn a_filter_warning_is_silenced_by_allow_on_the_impl() {
    let (value, recorded) = recorded(tracing::Level::TRACE, || Quiet.value());
    assert_eq!(value, 5);
    assert!(recorded.spans().is_empty(), "the filter matched nothing");
}

// An instrumented function nobody calls is still reported as dead code, as without the
// attribute (and as with `#[tracing::instrument]`): the expectations fail the build if not.
#[deny(unfulfilled_lint_expectations)]
#[expect(dead_code)]
#[modsmith::instrument]
fn never_called() {}

#[deny(unfulfilled_lint_expectations)]
#[expect(dead_code)]
#[modsmith::instrument(ret, err)]
async fn never_awaited() -> Result<u8, String> {
    Ok(1)
}

/// A glob import in an async body that shadows the return type's name: the body keeps its
/// own scope, so what the signature names is unchanged (this fails to compile otherwise).
mod shadowed_return_type {
    pub type Unit = ();

    pub enum Choice {
        Unit,
    }

    #[modsmith::instrument]
    pub async fn shadows() -> Unit {
        #[allow(unused_imports)]
        use Choice::*;
    }

    pub fn choice() -> Choice {
        Choice::Unit
    }
}

#[test]
fn an_async_body_that_shadows_the_return_type_compiles_and_runs() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        runtime.block_on(shadowed_return_type::shadows());
        let _ = shadowed_return_type::choice();
    });
    assert!(recorded.span("shadows").closed);
}

/// Options of `#[tracing::instrument]` given to a block: `fields(..)` of the block and of a
/// function add up (the function's win on a name both give), `ret(Display)` records the
/// returns that have `Display` and leaves out the others, and a level path works in a
/// nested module, which does not see the block's imports.
#[modsmith::instrument(
    fields(service = "ledger", region = "eu"),
    ret(Display),
    level = tracing::Level::DEBUG
)]
mod ledger {
    #[instrument(fields(region = "us", op = "sum"))]
    pub fn sum(values: &[u32]) -> u32 {
        values.iter().sum()
    }

    pub fn opaque() -> super::Opaque {
        super::Opaque
    }

    pub mod nested {
        pub fn label() -> String {
            "nested".to_owned()
        }
    }
}

#[test]
fn block_fields_add_up_and_block_ret_display_applies_where_it_can() {
    let (_, recorded) = recorded(tracing::Level::TRACE, || {
        let _ = ledger::sum(&[1, 2]);
        let _ = ledger::opaque();
        let _ = ledger::nested::label();
    });
    let sum = recorded.span("sum");
    assert_eq!(sum.level, "DEBUG");
    assert_eq!(field(&sum, "service").as_deref(), Some("ledger"));
    assert_eq!(field(&sum, "region").as_deref(), Some("us"));
    assert_eq!(field(&sum, "op").as_deref(), Some("sum"));
    assert_eq!(recorded.span("label").level, "DEBUG");
    let events: Vec<EventSummary> = recorded
        .events()
        .into_iter()
        .map(|event| (event.span, event.fields))
        .collect();
    assert_eq!(
        events,
        [
            (
                Some("sum".to_owned()),
                vec![("return".to_owned(), "3".to_owned())]
            ),
            (
                Some("label".to_owned()),
                vec![("return".to_owned(), "nested".to_owned())]
            ),
        ],
        "no return event for a type without Display"
    );
}
