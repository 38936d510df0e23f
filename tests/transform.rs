//! Behaviour of `#[transform(..)]`: passes applied in order to the matching items of a
//! module, recursively, with per-item opt-outs; instrumented functions checked under a real
//! `tracing` subscriber.

// A selector that matches nothing is a warning (a deprecation); here it must be silenced.
#![deny(deprecated)]

use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::Subscriber;
use tracing::span::{Attributes, Id};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

#[modsmith::transform(
    derive(Debug, Clone, PartialEq),
    instrument(level = "debug", only = "pub"),
    apply(inline, on = "fn", include = "fast_*"),
    deprecate(note = "use v2", on = "struct", include = "Old*"),
    doc = "Part of the v1 API."
)]
pub mod v1 {
    #[derive(Debug)]
    pub struct Point {
        pub x: i32,
    }

    pub enum Shape {
        Dot(Point),
    }

    #[transform(skip)]
    pub struct Opaque;

    pub struct OldThing;

    pub fn make(x: i32) -> Point {
        Point { x }
    }

    pub fn fast_double(x: i32) -> i32 {
        helper(x) * 2
    }

    fn helper(x: i32) -> i32 {
        x
    }

    #[transform(skip(instrument))]
    pub fn quiet() {}

    pub mod nested {
        pub struct Inner(pub u8);

        pub fn deep() -> Inner {
            Inner(1)
        }
    }
}

/// `instrument` alone takes every default; a `const fn` in the module is left alone.
#[modsmith::transform(instrument)]
pub mod v2 {
    pub const fn limit() -> u32 {
        8
    }

    pub fn under_limit(value: u32) -> bool {
        value < limit()
    }
}

const LIMIT: u32 = v2::limit();

/// `include` matches nothing here, which warns; `#[allow(deprecated)]` on the module reaches
/// the warning, and the pass changes nothing.
#[allow(deprecated)]
#[modsmith::transform(derive(Clone, include = "Nothing*"))]
pub mod silenced {
    #[derive(Debug)]
    pub struct Point;
}

/// The `instrument` pass's globs choose the methods of `impl` blocks (no warning for them
/// either: this file denies `deprecated`); an opted-out module's contents are left alone.
#[modsmith::transform(derive(Clone), instrument(include = "get_*", exclude = "get_secret*"))]
pub mod v3 {
    pub struct Store;

    impl Store {
        pub fn get_value(&self) -> u8 {
            1
        }

        pub fn get_secret(&self) -> u8 {
            2
        }

        pub fn other(&self) -> u8 {
            3
        }
    }

    #[transform(skip(derive))]
    pub mod raw {
        #[derive(Debug)]
        pub struct Untouched;
    }
}

/// Whether a type implements `Clone`, asked at run time so a test can assert it either way:
/// the inherent `holds` is chosen when `T: Clone`, the trait's fallback otherwise.
struct CloneProbe<T>(PhantomData<T>);

trait NotClone {
    fn holds(&self) -> bool {
        false
    }
}

impl<T> NotClone for CloneProbe<T> {}

impl<T: Clone> CloneProbe<T> {
    fn holds(&self) -> bool {
        true
    }
}

macro_rules! is_clone {
    ($ty:ty) => {
        CloneProbe::<$ty>(PhantomData).holds()
    };
}

#[derive(Default, Clone)]
struct Names(Arc<Mutex<Vec<String>>>);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Names {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(attrs.metadata().name().to_owned());
    }
}

#[test]
fn derive_adds_only_missing_traits_to_structs_and_enums_recursively() {
    let point = v1::make(2);
    assert_eq!(point.clone(), point);
    let shape = v1::Shape::Dot(point.clone());
    assert_eq!(format!("{:?}", shape.clone()), "Dot(Point { x: 2 })");
    assert_eq!(v1::nested::deep().clone(), v1::nested::Inner(1));
}

#[test]
fn instrument_pass_selects_public_functions_and_honours_opt_outs() {
    let names = Names::default();
    let subscriber = tracing_subscriber::registry().with(names.clone());
    tracing::subscriber::with_default(subscriber, || {
        v1::make(1);
        assert_eq!(v1::fast_double(3), 6);
        v1::quiet();
        v1::nested::deep();
    });
    let names = names
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(
        names,
        ["make", "fast_double", "deep"],
        "helper is private; quiet opted out"
    );
}

#[test]
fn skip_opts_an_item_out_of_every_pass() {
    // `Opaque` opted out of every pass; `OldThing` did not (that it is deprecated too is
    // the trybuild case `transform/fail/deprecate_pass_deprecates.rs`).
    assert!(!is_clone!(v1::Opaque));
    #[allow(deprecated)]
    let old_thing_is_clone = is_clone!(v1::OldThing);
    assert!(old_thing_is_clone);
}

#[test]
fn a_bare_instrument_pass_leaves_const_fns_alone() {
    let names = Names::default();
    let subscriber = tracing_subscriber::registry().with(names.clone());
    tracing::subscriber::with_default(subscriber, || {
        assert!(v2::under_limit(LIMIT - 1));
    });
    let names = names
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(names, ["under_limit"]);
}

#[test]
fn a_selector_that_matches_nothing_changes_nothing() {
    assert!(!is_clone!(silenced::Point));
    assert_eq!(format!("{:?}", silenced::Point), "Point");
}

#[test]
fn instrument_globs_choose_methods_and_module_opt_outs_cover_contents() {
    let names = Names::default();
    let subscriber = tracing_subscriber::registry().with(names.clone());
    tracing::subscriber::with_default(subscriber, || {
        let store = v3::Store.clone();
        assert_eq!(store.get_value() + store.get_secret() + store.other(), 6);
    });
    let names = names
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(names, ["Store::get_value"]);
    // `raw` opted out of `derive`, and so did what it holds.
    assert!(!is_clone!(v3::raw::Untouched));
    assert!(is_clone!(v3::Store));
}
