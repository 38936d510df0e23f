//! `#[adaptive]`: slots replaced, overridden, wrapped, provided and inspected, through the
//! macro's output on a real module.
//!
//! Tests that change what every thread sees (`replace`, `provide`, `wrap`, `reset`) take
//! `GLOBAL` for writing; tests that only override take it for reading, so that they run in
//! parallel with each other (the point of overrides) but never while a global change, which
//! by design reaches every thread, is installed. Users' tests follow the same rule: override
//! in tests, replace at start-up.

use std::sync::{Arc, Barrier, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use modsmith::adaptive::NotProvided;
use modsmith::dynamic::ModuleBuilder;

#[modsmith::adaptive(version = "2.1")]
/// Card payments.
pub mod payments {
    use modsmith::adaptive::NotProvided;
    use modsmith::dynamic::CallError;

    /// A card.
    #[derive(Debug, Clone)]
    pub struct Card {
        pub id: u32,
    }

    /// A receipt.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Receipt {
        pub cents: u64,
        pub by: String,
    }

    #[derive(Debug, PartialEq)]
    pub enum PayError {
        Declined,
        NotProvided(NotProvided),
        Call(String),
    }

    impl From<NotProvided> for PayError {
        fn from(error: NotProvided) -> Self {
            PayError::NotProvided(error)
        }
    }

    impl From<CallError> for PayError {
        fn from(error: CallError) -> Self {
            PayError::Call(error.to_string())
        }
    }

    /// Charges a card.
    pub fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError> {
        if cents > 10_000 {
            return Err(PayError::Declined);
        }
        Ok(Receipt {
            cents,
            by: format!("body:{}", card.id),
        })
    }

    /// Refunds a receipt; provided at run time.
    #[adaptive(optional)]
    pub fn refund(receipt: &Receipt) -> Result<u64, PayError>;

    /// A discount code's percentage, if a provider knows it.
    #[adaptive(optional)]
    pub fn discount(code: &str) -> Option<u8>;

    /// Two lifetimes, one under `&mut` (invariant).
    pub fn remember<'a>(seen: &mut Vec<&'a str>, name: &'a str) -> usize {
        seen.push(name);
        seen.len()
    }

    /// A pattern parameter, and a result that borrows from an argument.
    pub fn first((left, _right): (u8, u8), names: &[String]) -> Option<&String> {
        names.get(usize::from(left))
    }

    /// Values that convert to and from `Value`.
    pub fn fee(cents: i64, currency: &str) -> Result<i64, PayError> {
        Ok(cents / 100 + i64::from(currency == "EUR"))
    }

    /// A trait object parameter, shared and mutable.
    pub fn describe(value: &dyn std::fmt::Display, out: &mut dyn std::fmt::Write) -> usize {
        let text = value.to_string();
        let _ = out.write_str(&text);
        text.len()
    }

    fn private_rate() -> u32 {
        7
    }

    pub fn rate() -> u32 {
        private_rate()
    }

    pub fn private_rate_handle_works() -> bool {
        let restore = adapt::private_rate.replace(|| 8);
        let replaced = private_rate() == 8;
        restore.restore();
        replaced && private_rate() == 7
    }

    #[cfg(any())]
    pub fn configured_out() -> u32 {
        0
    }

    /// Alternatives under `#[cfg]`: one slot each, one compiled.
    #[cfg(not(any()))]
    pub fn platform() -> &'static str {
        "this"
    }

    #[cfg(any())]
    pub fn platform() -> &'static str {
        "other"
    }

    /// Names whose handle types need care: `adapt::Fn3ds`, `adapt::SelfFn`, and
    /// `adapt::Parse` with `adapt::ParseArgs`'s neighbour `adapt::ParseArguments`.
    pub fn _3ds() -> u8 {
        3
    }

    pub fn self_() -> u8 {
        1
    }

    pub fn parse(text: &str) -> usize {
        text.len()
    }

    pub fn parse_arguments((a, b): (u8, u8), arg0: u8) -> u8 {
        a + b + arg0
    }
}

use payments::{Card, PayError, Receipt, adapt};

static GLOBAL: RwLock<()> = RwLock::new(());

fn global() -> RwLockWriteGuard<'static, ()> {
    GLOBAL.write().unwrap_or_else(PoisonError::into_inner)
}

fn overrides_only() -> RwLockReadGuard<'static, ()> {
    GLOBAL.read().unwrap_or_else(PoisonError::into_inner)
}

fn card(id: u32) -> Card {
    Card { id }
}

fn by(result: Result<Receipt, PayError>) -> String {
    match result {
        Ok(receipt) => receipt.by,
        Err(error) => format!("{error:?}"),
    }
}

#[test]
fn a_slot_nothing_changed_runs_its_body() {
    let _global = overrides_only();
    assert_eq!(by(payments::charge(5, &card(1))), "body:1");
    assert_eq!(payments::charge(20_000, &card(1)), Err(PayError::Declined));
    assert!(!adapt::charge.is_replaced());
    assert!(!adapt::charge.is_overridden());
}

#[test]
fn replace_restore_reset_and_how_they_stack() {
    let _global = global();
    // Closure parameters need no annotations: the handle's bound names the types.
    let restore = adapt::charge.replace(|cents, card| {
        Ok(Receipt {
            cents,
            by: format!("replaced:{}", card.id),
        })
    });
    assert!(adapt::charge.is_replaced());
    assert_eq!(by(payments::charge(5, &card(1))), "replaced:1");
    {
        let _outer = adapt::charge.override_scoped(|cents, _| {
            Ok(Receipt {
                cents,
                by: "override".into(),
            })
        });
        assert!(adapt::charge.is_overridden());
        // A scoped override wins over a replacement.
        assert_eq!(by(payments::charge(5, &card(1))), "override");
        {
            let _inner = adapt::charge.override_scoped(|_, _| Err(PayError::Declined));
            // The innermost override wins.
            assert_eq!(payments::charge(5, &card(1)), Err(PayError::Declined));
        }
        assert_eq!(by(payments::charge(5, &card(1))), "override");
    }
    assert!(!adapt::charge.is_overridden());
    assert_eq!(by(payments::charge(5, &card(1))), "replaced:1");
    let second = adapt::charge.replace(|cents, _| {
        Ok(Receipt {
            cents,
            by: "second".into(),
        })
    });
    assert_eq!(by(payments::charge(5, &card(1))), "second");
    second.restore();
    assert_eq!(by(payments::charge(5, &card(1))), "replaced:1");
    restore.restore();
    assert!(!adapt::charge.is_replaced());
    assert_eq!(by(payments::charge(5, &card(1))), "body:1");
    // `reset` takes off the replacement and the layers.
    let _kept = adapt::charge.replace(|_, _| Err(PayError::Declined));
    let _layer = adapt::charge.wrap(|args, next| next.run(args));
    adapt::charge.reset();
    assert_eq!(by(payments::charge(5, &card(1))), "body:1");
    assert_eq!(
        payments::interface().function("charge").map(|f| f.layers()),
        Some(0)
    );
}

#[test]
fn middleware_sees_the_arguments_and_runs_around_the_active_implementation() {
    let _global = global();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let inner = adapt::charge.wrap(move |args, next| {
        log.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(format!("{} cents, card {}", args.cents, args.card.id));
        next.run(args)
    });
    // A layer may change the arguments, borrowed ones included, and the result.
    let outer = adapt::charge.wrap(|args: adapt::ChargeArgs<'_>, next| {
        let other = Card {
            id: args.card.id + 100,
        };
        next.run(adapt::ChargeArgs {
            cents: args.cents * 2,
            card: &other,
        })
        .map(|mut receipt| {
            receipt.by.push_str("+outer");
            receipt
        })
    });
    assert_eq!(
        payments::charge(5, &card(1)),
        Ok(Receipt {
            cents: 10,
            by: "body:101+outer".into()
        })
    );
    {
        let _over = adapt::charge.override_scoped(|cents, card| {
            Ok(Receipt {
                cents,
                by: format!("override:{}", card.id),
            })
        });
        // Layers run around the override too.
        assert_eq!(by(payments::charge(5, &card(1))), "override:101+outer");
    }
    assert_eq!(
        *seen.lock().unwrap_or_else(PoisonError::into_inner),
        ["10 cents, card 101", "10 cents, card 101"]
    );
    assert_eq!(
        payments::interface().function("charge").map(|f| f.layers()),
        Some(2)
    );
    outer.remove();
    inner.remove();
    assert_eq!(by(payments::charge(5, &card(1))), "body:1");
}

#[test]
fn optional_functions_return_not_provided_until_provided() {
    let _global = global();
    let receipt = Receipt {
        cents: 250,
        by: "x".into(),
    };
    assert_eq!(
        payments::refund(&receipt),
        Err(PayError::NotProvided(NotProvided::new(
            "payments", "refund"
        )))
    );
    assert_eq!(payments::discount("SPRING"), None);
    assert!(!payments::supports("refund"));
    assert!(payments::supports("charge"));
    assert!(!payments::supports("no_such_function"));

    let restore = adapt::refund.provide(|receipt| Ok(receipt.cents));
    assert!(adapt::refund.is_provided());
    assert!(payments::supports("refund"));
    assert_eq!(payments::refund(&receipt), Ok(250));
    restore.restore();
    assert!(!payments::supports("refund"));

    // An override provides it for this thread only.
    let _over = adapt::discount.override_scoped(|code| (code == "SPRING").then_some(10));
    assert!(payments::supports("discount"));
    assert_eq!(payments::discount("SPRING"), Some(10));
}

#[test]
fn the_error_of_an_unprovided_function_says_what_to_do() {
    let message = NotProvided::new("payments", "refund").to_string();
    assert_eq!(
        message,
        "`payments::refund` is optional and nothing provided it; provide it with \
         `payments::adapt::refund.provide(..)`, or ask `payments::supports(\"refund\")` before \
         calling"
    );
}

#[test]
fn interface_describes_every_function() {
    let _global = global();
    let interface = payments::interface();
    assert_eq!(interface.module(), "payments");
    assert_eq!(interface.version(), Some("2.1"));
    assert_eq!(interface.doc(), "Card payments.");
    let names: Vec<&str> = interface.functions().iter().map(|f| f.name()).collect();
    // `configured_out` is left out with its `#[cfg]`.
    assert_eq!(
        names,
        [
            "charge",
            "refund",
            "discount",
            "remember",
            "first",
            "fee",
            "describe",
            "private_rate",
            "rate",
            "private_rate_handle_works",
            "platform",
            "_3ds",
            "self_",
            "parse",
            "parse_arguments"
        ]
    );
    let charge = interface.function("charge").expect("charge");
    assert_eq!(
        charge.signature(),
        "fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError>"
    );
    assert_eq!(charge.doc(), "Charges a card.");
    assert!(!charge.is_optional() && charge.is_provided() && !charge.is_replaced());
    let refund = interface.function("refund").expect("refund");
    assert!(refund.is_optional() && !refund.is_provided());

    let restore = adapt::charge.replace(|_, _| Err(PayError::Declined));
    let interface = payments::interface();
    assert!(
        interface
            .function("charge")
            .is_some_and(|f| f.is_replaced())
    );
    let table = interface.to_string();
    restore.restore();
    assert!(table.starts_with("payments 2.1\n"), "{table}");
    assert!(
        table.contains(
            "fn charge(cents: u64, card: &Card) -> Result<Receipt, PayError>  [replaced]"
        ),
        "{table}"
    );
    assert!(
        table.contains("fn refund(receipt: &Receipt) -> Result<u64, PayError>  [not provided]"),
        "{table}"
    );
}

#[test]
fn lifetimes_patterns_and_borrowed_results() {
    let mut seen: Vec<&str> = Vec::new();
    let name = String::from("x");
    let names = vec!["a".to_owned(), "b".to_owned()];
    {
        let _global = overrides_only();
        assert_eq!(payments::remember(&mut seen, &name), 1);
        assert_eq!(payments::first((1, 0), &names), Some(&names[1]));
    }
    let _global = global();
    let layer = adapt::remember.wrap(|args, next| {
        10 * next.run(adapt::RememberArgs {
            seen: args.seen,
            name: args.name,
        })
    });
    let restore = adapt::remember.replace(|seen, name| {
        seen.push(name);
        seen.push(name);
        seen.len()
    });
    assert_eq!(payments::remember(&mut seen, &name), 30);
    restore.restore();
    layer.remove();
    assert_eq!(seen, ["x", "x", "x"]);

    // A pattern parameter is `argN` in the arguments struct; the result borrows from `names`.
    let layer = adapt::first.wrap(|args, next| {
        let (left, right) = args.arg0;
        next.run(adapt::FirstArgs {
            arg0: (right, left),
            names: args.names,
        })
    });
    assert_eq!(payments::first((1, 0), &names), Some(&names[0]));
    layer.remove();
}

#[test]
fn trait_object_parameters() {
    let mut out = String::new();
    {
        let _global = overrides_only();
        assert_eq!(payments::describe(&42, &mut out), 2);
        let _over = adapt::describe.override_scoped(|value, out| {
            let _ = write!(out, "<{value}>");
            0
        });
        assert_eq!(payments::describe(&7, &mut out), 0);
    }
    assert_eq!(out, "42<7>");
}

#[test]
fn private_functions_have_handles_in_their_module() {
    let _global = global();
    assert!(payments::private_rate_handle_works());
    assert_eq!(payments::rate(), 7);
}

/// Many threads override the same slot at once, each with its own closure: each sees only
/// its own override on every call, and threads without one see the body meanwhile. A barrier
/// makes all the overrides live at the same time.
#[test]
fn parallel_overrides_do_not_leak_between_threads() {
    const THREADS: u32 = 32;
    const CALLS: u32 = 2_000;
    let _global = overrides_only();
    let barrier = Arc::new(Barrier::new(THREADS as usize + 4));
    let mut threads = Vec::new();
    for thread in 0..THREADS {
        let barrier = Arc::clone(&barrier);
        threads.push(std::thread::spawn(move || {
            let _over = adapt::charge.override_scoped(move |cents, card| {
                Ok(Receipt {
                    cents,
                    by: format!("thread {thread}:{}", card.id),
                })
            });
            barrier.wait();
            for call in 0..CALLS {
                assert_eq!(
                    by(payments::charge(u64::from(call), &card(call))),
                    format!("thread {thread}:{call}")
                );
                if call % 100 == 0 {
                    let _nested = adapt::charge.override_scoped(|_, _| Err(PayError::Declined));
                    assert_eq!(payments::charge(1, &card(1)), Err(PayError::Declined));
                }
                std::thread::yield_now();
            }
        }));
    }
    for _ in 0..4 {
        let barrier = Arc::clone(&barrier);
        threads.push(std::thread::spawn(move || {
            barrier.wait();
            for call in 0..CALLS {
                assert_eq!(
                    by(payments::charge(u64::from(call), &card(call))),
                    format!("body:{call}")
                );
            }
        }));
    }
    for thread in threads {
        if let Err(panic) = thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

/// How many of the two `parallel_test_*` tests hold their override.
static PARALLEL_TESTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Waits (up to 10 s, in case the harness runs one test at a time) until both
/// `parallel_test_*` tests hold their overrides, so that their calls overlap.
fn meet_the_other_parallel_test() {
    use std::sync::atomic::Ordering::SeqCst;
    PARALLEL_TESTS.fetch_add(1, SeqCst);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while PARALLEL_TESTS.load(SeqCst) < 2 && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
}

/// Two tests overriding the same function differently, run in parallel by the test harness
/// (mockall's static mocks race here, its issue #267): each holds its override while the
/// other runs. (The thread test above is the proof that does not depend on the harness.)
#[test]
fn parallel_test_one() {
    let _global = overrides_only();
    let _over = adapt::charge.override_scoped(|_, _| Err(PayError::Declined));
    meet_the_other_parallel_test();
    for _ in 0..10_000 {
        assert_eq!(payments::charge(1, &card(1)), Err(PayError::Declined));
    }
}

#[test]
fn parallel_test_two() {
    let _global = overrides_only();
    let _over = adapt::charge.override_scoped(|cents, _| {
        Ok(Receipt {
            cents,
            by: "two".into(),
        })
    });
    meet_the_other_parallel_test();
    for _ in 0..10_000 {
        assert_eq!(by(payments::charge(1, &card(1))), "two");
    }
}

/// A scoped future polled on one thread, then moved to another and polled again: the
/// override follows it, and the first thread does not keep it.
#[test]
fn scope_follows_a_task_to_another_thread() {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};

    /// Pending once, then ready.
    struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                Poll::Pending
            }
        }
    }

    let _global = overrides_only();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let mut task = Box::pin(adapt::charge.scope(
        |cents, _| {
            Ok(Receipt {
                cents,
                by: "scoped".into(),
            })
        },
        async move {
            let record = || {
                let thread = std::thread::current().id();
                let by = by(payments::charge(1, &card(1)));
                log.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((thread, by));
            };
            record();
            YieldOnce(false).await;
            record();
        },
    ));
    let mut context = Context::from_waker(Waker::noop());
    assert!(task.as_mut().poll(&mut context).is_pending());
    assert_eq!(by(payments::charge(1, &card(1))), "body:1");
    let other = std::thread::spawn(move || {
        let mut context = Context::from_waker(Waker::noop());
        task.as_mut().poll(&mut context).is_ready()
    });
    assert!(matches!(other.join(), Ok(true)));
    let seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0].0, seen[1].0, "polled on two threads");
    assert!(seen.iter().all(|(_, by)| by == "scoped"), "{seen:?}");
}

#[test]
fn guards_dropped_out_of_order_each_take_off_their_own() {
    let _global = overrides_only();
    let first = adapt::charge.override_scoped(|_, _| Err(PayError::Call("first".into())));
    let second = adapt::charge.override_scoped(|_, _| Err(PayError::Call("second".into())));
    drop(first);
    assert_eq!(
        payments::charge(1, &card(1)),
        Err(PayError::Call("second".into()))
    );
    drop(second);
    assert_eq!(by(payments::charge(1, &card(1))), "body:1");
}

/// An override whose closure owns another guard of the same slot: dropping it drops that
/// guard too, while the first is being taken off.
#[test]
fn a_guard_owned_by_an_override_is_dropped_safely() {
    let _global = overrides_only();
    let inner = adapt::charge.override_scoped(|_, _| Err(PayError::Call("inner".into())));
    let outer = adapt::charge.override_scoped(move |_, _| {
        let _owned = &inner;
        Err(PayError::Call("outer".into()))
    });
    assert_eq!(
        payments::charge(1, &card(1)),
        Err(PayError::Call("outer".into()))
    );
    drop(outer);
    assert_eq!(by(payments::charge(1, &card(1))), "body:1");
    assert!(!adapt::charge.is_overridden());
}

#[test]
fn restores_in_any_order_take_off_only_their_own_replacement() {
    let _global = global();
    let replaced = |name: &'static str| {
        adapt::charge.replace(move |cents, _| {
            Ok(Receipt {
                cents,
                by: name.into(),
            })
        })
    };
    let first = replaced("first");
    let second = replaced("second");
    first.restore();
    assert_eq!(by(payments::charge(1, &card(1))), "second");
    second.restore();
    assert_eq!(by(payments::charge(1, &card(1))), "body:1");
    // After `reset`, a restore does nothing.
    let third = replaced("third");
    adapt::charge.reset();
    let fourth = replaced("fourth");
    third.restore();
    assert_eq!(by(payments::charge(1, &card(1))), "fourth");
    fourth.restore();
    assert!(!adapt::charge.is_replaced());
}

/// A replacement that calls its own function under an override it installs, and a layer
/// that calls the function again: no lock or borrow is held while user code runs.
#[test]
fn replacements_and_layers_may_call_and_change_their_own_slot() {
    let _global = global();
    let restore = adapt::charge.replace(|cents, card| {
        let _over = adapt::charge.override_scoped(|cents, _| {
            Ok(Receipt {
                cents,
                by: "inner override".into(),
            })
        });
        let inner = payments::charge(cents, card)?;
        Ok(Receipt {
            cents,
            by: format!("replacement around {}", inner.by),
        })
    });
    let layer = adapt::charge.wrap(|args, next| {
        if args.cents == 1 {
            // Calls the whole chain again, once.
            let again = payments::charge(2, args.card)?;
            return Ok(Receipt {
                cents: 1,
                by: format!("layer around {}", again.by),
            });
        }
        next.run(args)
    });
    assert_eq!(
        by(payments::charge(1, &card(1))),
        "layer around replacement around inner override"
    );
    layer.remove();
    restore.restore();
}

/// Other threads call while one replaces and restores: every call sees the body or the
/// replacement, whole, and after the last restore every thread sees the body.
#[test]
fn replacing_while_other_threads_call() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    let _global = global();
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicUsize::new(0));
    let callers: Vec<_> = (0..4)
        .map(|_| {
            let (stop, calls) = (Arc::clone(&stop), Arc::clone(&calls));
            std::thread::spawn(move || {
                while !stop.load(Relaxed) {
                    let seen = by(payments::charge(1, &card(1)));
                    assert!(seen == "body:1" || seen == "replaced", "{seen}");
                    calls.fetch_add(1, Relaxed);
                }
            })
        })
        .collect();
    // At least 2,000 changes, and until the callers made 20,000 calls among them.
    let mut changes = 0;
    while changes < 2_000 || calls.load(Relaxed) < 20_000 {
        adapt::charge
            .replace(|cents, _| {
                Ok(Receipt {
                    cents,
                    by: "replaced".into(),
                })
            })
            .restore();
        changes += 1;
        if changes % 100 == 0 {
            std::thread::yield_now();
        }
    }
    stop.store(true, Relaxed);
    for caller in callers {
        if let Err(panic) = caller.join() {
            std::panic::resume_unwind(panic);
        }
    }
    assert_eq!(by(payments::charge(1, &card(1))), "body:1");
}

#[test]
fn names_that_need_care() {
    let _global = overrides_only();
    assert_eq!(payments::platform(), "this");
    let _over = adapt::_3ds.override_scoped(|| 4);
    assert_eq!(payments::_3ds(), 4);
    let _over = adapt::self_.override_scoped(|| 2);
    assert_eq!(payments::self_(), 2);
    let _: adapt::Fn3ds = adapt::_3ds;
    let _: adapt::SelfFn = adapt::self_;
    // A pattern parameter next to one named `arg0`: its field is `arg0_`.
    let _layer_type = |args: adapt::ParseArgumentsArgs| (args.arg0_, args.arg0);
    assert_eq!(payments::parse_arguments((1, 2), 3), 6);
    assert_eq!(payments::parse("abc"), 3);
}

/// `scope` follows its task across `.await`s and worker threads.
#[test]
fn scope_follows_the_task() {
    // The guard is taken outside the runtime: it must not be held across an `.await`.
    let _global = overrides_only();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("a runtime");
    runtime.block_on(a_scoped_task_and_another());
}

async fn a_scoped_task_and_another() {
    let scoped = adapt::charge.scope(
        |cents, _| {
            Ok(Receipt {
                cents,
                by: "scoped".into(),
            })
        },
        async {
            for _ in 0..50 {
                assert_eq!(by(payments::charge(1, &card(1))), "scoped");
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                tokio::task::yield_now().await;
            }
        },
    );
    let other = async {
        for _ in 0..50 {
            assert_eq!(by(payments::charge(1, &card(1))), "body:1");
            tokio::task::yield_now().await;
        }
    };
    let (scoped, other) = tokio::join!(tokio::spawn(scoped), tokio::spawn(other));
    assert!(scoped.is_ok() && other.is_ok());
}

/// Two tasks interleaved on one thread: the scoped one sees its override at every poll, the
/// other never does (a guard held across `.await` would leak into it).
#[test]
fn scope_does_not_leak_to_a_task_on_the_same_thread() {
    let _global = overrides_only();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(two_tasks_on_one_thread());
}

async fn two_tasks_on_one_thread() {
    let scoped = adapt::charge.scope(
        |cents, _| {
            Ok(Receipt {
                cents,
                by: "scoped".into(),
            })
        },
        async {
            for _ in 0..100 {
                assert_eq!(by(payments::charge(1, &card(1))), "scoped");
                tokio::task::yield_now().await;
            }
        },
    );
    let other = async {
        for _ in 0..100 {
            assert_eq!(by(payments::charge(1, &card(1))), "body:1");
            tokio::task::yield_now().await;
        }
    };
    tokio::join!(scoped, other);
    assert!(!adapt::charge.is_overridden());
}

#[test]
fn a_slot_filled_from_a_dyn_module_function() {
    let _global = global();
    let rates = ModuleBuilder::new("rates")
        .function("fee", |cents: i64, currency: String| {
            cents / 10 + if currency == "EUR" { 1 } else { 0 }
        })
        .function("fails", |_: i64, _: String| -> Result<i64, String> {
            Err("rates are closed".into())
        })
        .function("three", |a: i64, _: i64, _: i64| a)
        .function("texts", |_: String, currency: String| currency)
        .build()
        .expect("a module");
    assert_eq!(payments::fee(1_000, "EUR"), Ok(11));

    let fee = rates.function("fee").expect("fee");
    let restore = adapt::fee
        .replace_dynamic(&fee)
        .expect("the signatures agree");
    assert_eq!(payments::fee(1_000, "EUR"), Ok(101));
    restore.restore();

    // A failed call is the slot's own error, through `From<CallError>`.
    let fails = rates.function("fails").expect("fails");
    let restore = adapt::fee
        .replace_dynamic(&fails)
        .expect("the signatures agree");
    let error = payments::fee(1, "EUR");
    restore.restore();
    assert!(
        matches!(&error, Err(PayError::Call(message)) if message.contains("rates are closed")),
        "{error:?}"
    );

    // A mismatch is a typed error, and the slot is left as it was.
    let three = rates.function("three").expect("three");
    let error = adapt::fee
        .replace_dynamic(&three)
        .expect_err("three arguments");
    assert_eq!(error.slot(), "payments::fee");
    assert_eq!(error.function(), "rates::three");
    assert_eq!(
        error.problems(),
        ["it takes 3 argument(s), the slot passes 2"]
    );
    let texts = rates.function("texts").expect("texts");
    let error = adapt::fee
        .replace_dynamic(&texts)
        .expect_err("a string for an integer");
    assert_eq!(
        error.to_string(),
        "`rates::texts` cannot fill the slot `payments::fee`: argument 1 is `arg1: String` (a \
         string), the slot passes `i64` (an integer); it returns `String` (a string), the slot \
         reads `i64` (an integer); the slot is `fn fee(cents: i64, currency: &str) -> \
         Result<i64, PayError>`, the function is `texts(arg1: String, arg2: String) -> String`"
    );
    assert!(!adapt::fee.is_replaced());
    assert_eq!(payments::fee(1_000, "EUR"), Ok(11));
}
