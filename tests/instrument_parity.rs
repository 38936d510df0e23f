//! `#[modsmith::instrument]` as a drop-in for `#[tracing::instrument]`: the same functions,
//! written once, are instrumented by each attribute in turn, run under one recording
//! subscriber, and must leave the same trace: span names, targets, levels and parents, field
//! names with their typed values, fields recorded later, `follows_from`, and `ret`/`err`
//! events. The documented differences (secret-looking parameters redacted, parameters
//! without `Debug` left out, modsmith's own options) are not exercised here; they have
//! their own tests in `tests/instrument.rs`.

#![deny(unused, deprecated)]

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A recorded value, with the type the subscriber was given it as.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
    Str(String),
    Debug(String),
}

/// One thing the subscriber saw, with spans named by their names.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    NewSpan {
        name: String,
        target: String,
        level: String,
        parent: Option<String>,
        fields: Vec<(String, Value)>,
    },
    Record {
        span: String,
        fields: Vec<(String, Value)>,
    },
    FollowsFrom {
        span: String,
        cause: String,
    },
    Event {
        span: Option<String>,
        target: String,
        level: String,
        fields: Vec<(String, Value)>,
    },
    Enter(String),
    Exit(String),
    Close(String),
}

struct Values<'a>(&'a mut Vec<(String, Value)>);

impl Visit for Values<'_> {
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.push((field.name().to_owned(), Value::I64(value)));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), Value::U64(value)));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.push((field.name().to_owned(), Value::F64(value)));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.push((field.name().to_owned(), Value::Bool(value)));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0
            .push((field.name().to_owned(), Value::Str(value.to_owned())));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .push((field.name().to_owned(), Value::Debug(format!("{value:?}"))));
    }
}

#[derive(Clone, Default)]
struct Trace(Arc<Mutex<Vec<Seen>>>);

impl Trace {
    fn push(&self, seen: Seen) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(seen);
    }
}

/// Each attribute's module path is its own; the rest of a target must be the same.
fn same_for_both(target: &str) -> String {
    target
        .replace("with_tracing", "<module>")
        .replace("with_modsmith", "<module>")
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Trace {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, context: Context<'_, S>) {
        let mut fields = Vec::new();
        attrs.record(&mut Values(&mut fields));
        let parent = if let Some(parent) = attrs.parent() {
            context.span(parent).map(|span| span.name().to_owned())
        } else if attrs.is_contextual() {
            context.lookup_current().map(|span| span.name().to_owned())
        } else {
            None
        };
        self.push(Seen::NewSpan {
            name: attrs.metadata().name().to_owned(),
            target: same_for_both(attrs.metadata().target()),
            level: attrs.metadata().level().to_string(),
            parent,
            fields,
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        let mut fields = Vec::new();
        values.record(&mut Values(&mut fields));
        self.push(Seen::Record {
            span: name_of(&context, id),
            fields,
        });
    }

    fn on_follows_from(&self, span: &Id, cause: &Id, context: Context<'_, S>) {
        self.push(Seen::FollowsFrom {
            span: name_of(&context, span),
            cause: name_of(&context, cause),
        });
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut Values(&mut fields));
        self.push(Seen::Event {
            span: context.lookup_current().map(|span| span.name().to_owned()),
            target: same_for_both(event.metadata().target()),
            level: event.metadata().level().to_string(),
            fields,
        });
    }

    fn on_enter(&self, id: &Id, context: Context<'_, S>) {
        self.push(Seen::Enter(name_of(&context, id)));
    }

    fn on_exit(&self, id: &Id, context: Context<'_, S>) {
        self.push(Seen::Exit(name_of(&context, id)));
    }

    fn on_close(&self, id: Id, context: Context<'_, S>) {
        self.push(Seen::Close(name_of(&context, &id)));
    }
}

fn name_of<S: Subscriber + for<'a> LookupSpan<'a>>(context: &Context<'_, S>, id: &Id) -> String {
    context
        .span(id)
        .map_or_else(|| "<gone>".to_owned(), |span| span.name().to_owned())
}

/// What `work` leaves in the trace, every level enabled.
fn traced(work: impl FnOnce()) -> Vec<Seen> {
    let trace = Trace::default();
    let subscriber = tracing_subscriber::registry().with(trace.clone());
    tracing::subscriber::with_default(subscriber, work);
    trace
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime builds")
        .block_on(future)
}

pub const SPAN_NAME: &str = "from_a_constant";
pub const TARGET: &str = "constant_target";
pub const LEVEL: tracing::Level = tracing::Level::WARN;

#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Debug)]
pub struct Failure;

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("it failed")
    }
}

/// The same functions, for each attribute: `instrument` is whichever is in scope.
macro_rules! instrumented_functions {
    () => {
        use std::future::Future;
        use std::pin::Pin;

        use tracing::Level;

        use super::{Failure, LEVEL, Point, SPAN_NAME, TARGET};

        #[derive(Debug)]
        pub struct Service {
            pub id: u8,
        }

        #[instrument]
        #[allow(clippy::too_many_arguments)]
        pub fn typed(
            small: u8,
            signed: i64,
            float: f64,
            flag: bool,
            text: &str,
            owned: String,
            list: Vec<u8>,
            maybe: Option<u32>,
        ) -> usize {
            let _ = (small, signed, float, flag, text, &owned, &list, maybe);
            1
        }

        #[instrument(name = "custom", target = "my_target", level = "debug")]
        pub fn named() {}

        #[instrument("positional")]
        pub fn positional() {}

        #[instrument(name = SPAN_NAME, target = TARGET, level = LEVEL)]
        pub fn constants() {}

        #[instrument(level = Level::TRACE)]
        pub fn level_path() {}

        #[instrument(level = tracing::Level::ERROR)]
        pub fn level_full_path() {}

        #[instrument(level = 2)]
        pub fn level_number() {}

        #[instrument(level = "WaRn")]
        pub fn level_any_case() {}

        #[instrument(skip(second), fields(extra = 5, shown = %first, debugged = ?first, user.id = first, later))]
        pub fn with_fields(first: u32, second: u32) {
            let _ = second;
            tracing::Span::current().record("later", "filled in");
        }

        #[instrument(fields(first = "replaced"))]
        pub fn field_replaces_parameter(first: u32) {
            let _ = first;
        }

        #[instrument(skip_all)]
        pub fn skips_all(first: u32, second: &str) {
            let _ = (first, second);
        }

        #[instrument]
        pub fn destructured((left, right): (u8, u8), Point { x, y }: Point, &number: &u64) {
            let _ = (left, right, x, y, number);
        }

        impl Service {
            #[instrument]
            pub fn method(&self, argument: u16) {
                let _ = argument;
            }

            #[instrument(skip(self))]
            pub fn method_without_self(&self, argument: u16) {
                let _ = (self.id, argument);
            }
        }

        #[instrument(ret)]
        pub fn returns() -> u32 {
            42
        }

        #[instrument(ret(Display), level = "debug")]
        pub fn returns_display() -> String {
            "shown".to_owned()
        }

        #[instrument(level = "warn", ret(level = "info"))]
        pub fn returns_at_a_level() -> i32 {
            -1
        }

        #[instrument(ret)]
        pub fn returns_a_result() -> Result<u8, String> {
            Ok(1)
        }

        #[instrument(err)]
        pub fn fails(fail: bool) -> Result<u8, Failure> {
            if fail { Err(Failure) } else { Ok(2) }
        }

        #[instrument(err(Debug, level = "info"))]
        pub fn fails_debug() -> Result<u8, Failure> {
            Err(Failure)
        }

        #[instrument(ret, err)]
        pub fn ret_and_err(fail: bool) -> Result<u8, Failure> {
            if fail {
                return Err(Failure);
            }
            Ok(3)
        }

        #[instrument(ret, err)]
        pub async fn async_ret_and_err(fail: bool) -> Result<u8, Failure> {
            tracing::info!("inside");
            if fail { Err(Failure) } else { Ok(4) }
        }

        #[instrument(ret, err)]
        pub fn future_by_hand(fail: bool) -> impl Future<Output = Result<u8, Failure>> {
            async move { if fail { Err(Failure) } else { Ok(5) } }
        }

        #[instrument(err)]
        pub fn boxed_future(
            fail: bool,
        ) -> Pin<Box<dyn Future<Output = Result<u8, Failure>> + Send>> {
            let doubled = u8::from(fail) * 2;
            Box::pin(async move { if doubled > 0 { Err(Failure) } else { Ok(6) } })
        }

        #[instrument]
        pub fn outer() {
            inner();
            // `parent = None`: a root, though inside `outer`.
            inner_with_parent(None);
        }

        #[instrument]
        pub fn inner() {}

        #[instrument(parent = parent, skip(parent))]
        pub fn inner_with_parent(parent: Option<tracing::Id>) {}

        #[instrument(follows_from = causes, skip(causes))]
        pub fn follows(causes: Vec<Option<tracing::Id>>) {}
    };
}

mod with_tracing {
    use tracing::instrument;

    instrumented_functions!();
}

mod with_modsmith {
    use modsmith::instrument;

    instrumented_functions!();
}

/// Runs the same calls against each attribute's functions and compares the traces.
macro_rules! same_trace {
    (|$module:ident| $calls:expr) => {{
        let expected = traced(|| {
            use with_tracing as $module;
            $calls
        });
        let actual = traced(|| {
            use with_modsmith as $module;
            $calls
        });
        assert!(!expected.is_empty(), "tracing recorded nothing");
        assert_eq!(
            actual, expected,
            "modsmith (left) and tracing (right) differ"
        );
        expected
    }};
}

/// An event as (the span it was in, its fields).
type SpanAndFields = (Option<String>, Vec<(String, Value)>);

/// An event as (the span it was in, its level, its fields).
type EventSeen = (Option<String>, String, Vec<(String, Value)>);

fn new_span_fields(seen: &[Seen], span: &str) -> Vec<(String, Value)> {
    seen.iter()
        .find_map(|seen| match seen {
            Seen::NewSpan { name, fields, .. } if name == span => Some(fields.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no span {span:?} in {seen:#?}"))
}

#[test]
fn parameters_are_recorded_with_their_types() {
    let seen = same_trace!(|m| {
        m::typed(
            1,
            -2,
            0.5,
            true,
            "text",
            "owned".to_owned(),
            vec![1, 2],
            Some(7),
        );
    });
    // What the comparison covers, so that it cannot pass on two empty traces.
    assert_eq!(
        new_span_fields(&seen, "typed"),
        [
            ("small".to_owned(), Value::U64(1)),
            ("signed".to_owned(), Value::I64(-2)),
            ("float".to_owned(), Value::F64(0.5)),
            ("flag".to_owned(), Value::Bool(true)),
            ("text".to_owned(), Value::Str("text".to_owned())),
            ("owned".to_owned(), Value::Str("owned".to_owned())),
            ("list".to_owned(), Value::Debug("[1, 2]".to_owned())),
            ("maybe".to_owned(), Value::Debug("Some(7)".to_owned())),
        ]
    );
}

#[test]
fn names_targets_and_levels() {
    let seen = same_trace!(|m| {
        m::named();
        m::positional();
        m::constants();
        m::level_path();
        m::level_full_path();
        m::level_number();
        m::level_any_case();
    });
    let spans: Vec<(String, String, String)> = seen
        .iter()
        .filter_map(|seen| match seen {
            Seen::NewSpan {
                name,
                target,
                level,
                ..
            } => Some((name.clone(), target.clone(), level.clone())),
            _ => None,
        })
        .collect();
    let module = "instrument_parity::<module>".to_owned();
    assert_eq!(
        spans,
        [
            ("custom".into(), "my_target".into(), "DEBUG".into()),
            ("positional".into(), module.clone(), "INFO".into()),
            (
                "from_a_constant".into(),
                "constant_target".into(),
                "WARN".into()
            ),
            ("level_path".into(), module.clone(), "TRACE".into()),
            ("level_full_path".into(), module.clone(), "ERROR".into()),
            ("level_number".into(), module.clone(), "DEBUG".into()),
            ("level_any_case".into(), module, "WARN".into()),
        ]
    );
}

#[test]
fn fields_skip_and_later_records() {
    let seen = same_trace!(|m| {
        m::with_fields(3, 4);
        m::field_replaces_parameter(9);
        m::skips_all(1, "no");
    });
    assert_eq!(
        new_span_fields(&seen, "with_fields"),
        [
            ("first".to_owned(), Value::U64(3)),
            ("extra".to_owned(), Value::I64(5)),
            ("shown".to_owned(), Value::Debug("3".to_owned())),
            ("debugged".to_owned(), Value::Debug("3".to_owned())),
            ("user.id".to_owned(), Value::U64(3)),
        ]
    );
    assert!(seen.contains(&Seen::Record {
        span: "with_fields".to_owned(),
        fields: vec![("later".to_owned(), Value::Str("filled in".to_owned()))],
    }));
    assert_eq!(
        new_span_fields(&seen, "field_replaces_parameter"),
        [("first".to_owned(), Value::Str("replaced".to_owned()))]
    );
    assert_eq!(new_span_fields(&seen, "skips_all"), []);
}

#[test]
fn destructured_parameters_and_self() {
    let seen = same_trace!(|m| {
        m::destructured((1, 2), crate::Point { x: 3, y: 4 }, &5);
        m::Service { id: 7 }.method(8);
        m::Service { id: 7 }.method_without_self(8);
    });
    assert_eq!(
        new_span_fields(&seen, "destructured"),
        [
            ("left".to_owned(), Value::Debug("1".to_owned())),
            ("right".to_owned(), Value::Debug("2".to_owned())),
            ("x".to_owned(), Value::Debug("3".to_owned())),
            ("y".to_owned(), Value::Debug("4".to_owned())),
            ("number".to_owned(), Value::U64(5)),
        ]
    );
    assert_eq!(
        new_span_fields(&seen, "method"),
        [
            (
                "self".to_owned(),
                Value::Debug("Service { id: 7 }".to_owned())
            ),
            ("argument".to_owned(), Value::U64(8)),
        ]
    );
    assert_eq!(
        new_span_fields(&seen, "method_without_self"),
        [("argument".to_owned(), Value::U64(8))]
    );
}

#[test]
fn ret_and_err_events() {
    let seen = same_trace!(|m| {
        let _ = m::returns();
        let _ = m::returns_display();
        let _ = m::returns_at_a_level();
        let _ = m::returns_a_result();
        let _ = m::fails(true);
        let _ = m::fails(false);
        let _ = m::fails_debug();
        let _ = m::ret_and_err(true);
        let _ = m::ret_and_err(false);
    });
    let events: Vec<EventSeen> = seen
        .iter()
        .filter_map(|seen| match seen {
            Seen::Event {
                span,
                level,
                fields,
                ..
            } => Some((span.clone(), level.clone(), fields.clone())),
            _ => None,
        })
        .collect();
    let event = |span: &str, level: &str, name: &str, value: &str| {
        (
            Some(span.to_owned()),
            level.to_owned(),
            vec![(name.to_owned(), Value::Debug(value.to_owned()))],
        )
    };
    assert_eq!(
        events,
        [
            event("returns", "INFO", "return", "42"),
            event("returns_display", "DEBUG", "return", "shown"),
            event("returns_at_a_level", "INFO", "return", "-1"),
            event("returns_a_result", "INFO", "return", "Ok(1)"),
            event("fails", "ERROR", "error", "it failed"),
            event("fails_debug", "INFO", "error", "Failure"),
            event("ret_and_err", "ERROR", "error", "it failed"),
            event("ret_and_err", "INFO", "return", "3"),
        ]
    );
}

#[test]
fn futures_async_and_by_hand() {
    let seen = same_trace!(|m| {
        block_on(async {
            let _ = m::async_ret_and_err(false).await;
            let _ = m::async_ret_and_err(true).await;
            let _ = m::future_by_hand(false).await;
            let _ = m::future_by_hand(true).await;
            let _ = m::boxed_future(true).await;
        })
    });
    let events: Vec<SpanAndFields> = seen
        .iter()
        .filter_map(|seen| match seen {
            Seen::Event { span, fields, .. } => Some((span.clone(), fields.clone())),
            _ => None,
        })
        .collect();
    let debug = |name: &str, value: &str| vec![(name.to_owned(), Value::Debug(value.to_owned()))];
    let span = |name: &str| Some(name.to_owned());
    assert_eq!(
        events,
        [
            (span("async_ret_and_err"), debug("message", "inside")),
            (span("async_ret_and_err"), debug("return", "4")),
            (span("async_ret_and_err"), debug("message", "inside")),
            (span("async_ret_and_err"), debug("error", "it failed")),
            (span("future_by_hand"), debug("return", "5")),
            (span("future_by_hand"), debug("error", "it failed")),
            (span("boxed_future"), debug("error", "it failed")),
        ]
    );
}

#[test]
fn parents_and_follows_from() {
    let seen = same_trace!(|m| {
        m::outer();
        let cause = tracing::info_span!("cause");
        m::follows(vec![cause.id()]);
        let parent = tracing::info_span!("explicit_parent");
        m::inner_with_parent(parent.id());
    });
    let parents: Vec<(String, Option<String>)> = seen
        .iter()
        .filter_map(|seen| match seen {
            Seen::NewSpan { name, parent, .. } => Some((name.clone(), parent.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        parents,
        [
            ("outer".to_owned(), None),
            ("inner".to_owned(), Some("outer".to_owned())),
            ("inner_with_parent".to_owned(), None),
            ("cause".to_owned(), None),
            ("follows".to_owned(), None),
            ("explicit_parent".to_owned(), None),
            (
                "inner_with_parent".to_owned(),
                Some("explicit_parent".to_owned())
            ),
        ]
    );
    assert!(seen.contains(&Seen::FollowsFrom {
        span: "follows".to_owned(),
        cause: "cause".to_owned(),
    }));
}
