//! One swappable function: its [`Slot`], the fast path every call takes, and the guards that
//! undo a change.
//!
//! Per slot the macro emits a `static Slot<S>` and two `thread_local!`s (reached through
//! [`Sig::local`] and [`Sig::overrides`]):
//!
//! - the slot's **word**: 0 while nothing is replaced and no layer is installed, otherwise the
//!   generation of the current snapshot (a process-wide counter, never reused);
//! - the slot's **state**: the current snapshot (replacements and layers, their types erased
//!   so that this bookkeeping is compiled once for all slots), leaked so that readers keep a
//!   `&'static` to it without a lock; only the slow path and writers lock it;
//! - per thread, a **cache** `(word for the body, word for the replacement, replacement)`:
//!   what this thread last resolved. A word equal to the first means the body runs (no
//!   replacement, no layers, no override of this thread): one load of the word, one
//!   compare with the thread-local and one branch ([`Slot::fast`]). Equal to the second, the
//!   cached replacement runs. Its initial value `(0, NEVER, None)` is valid for a slot
//!   nobody touched: such a slot never runs the slow path;
//! - per thread, a stack of **overrides**, touched only by the slow path and by guards.
//!   While a thread has one, both its words are `NEVER`, so it takes the slow path.
//!
//! An override on one thread writes only that thread's locals: every other thread runs the
//! same instructions as before.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, PoisonError, RwLock};
use std::thread::LocalKey;

/// The types of one slot, implemented by generated code on an uninhabited marker type.
pub trait Sig: Sized + 'static {
    /// A replacement, shared by every thread: `dyn Fn(u64, &Card) -> R + Send + Sync`.
    type Imp: ?Sized + Send + Sync + 'static;
    /// An override of one thread, which need not be `Send`: `dyn Fn(u64, &Card) -> R`.
    type Local: ?Sized + 'static;
    /// A middleware layer: `dyn Fn(ChargeArgs<'_>, Next<'_, Self>) -> R + Send + Sync`.
    type Layer: ?Sized + Send + Sync + 'static;

    /// This thread's cache of the slot. An associated function rather than a field of the
    /// [`Slot`]: a `&'static LocalKey` read from the static (which has interior mutability,
    /// so it is never constant-folded) makes every access an indirect call, measured at +3
    /// to +4 ns a call; monomorphised, the access is one thread-relative load.
    fn local() -> &'static LocalKey<Cell<Cache<Self>>>;

    /// This thread's overrides of the slot, innermost last.
    fn overrides() -> &'static LocalKey<Overrides<Self>>;
}

/// A thread's cache of a slot: the word for which it calls the body, the word for which it
/// calls the replacement, and that replacement. At most one of the two words is not
/// `NEVER`. Two words rather than one word and a test of the replacement: the path of a
/// slot nothing changed is then one compare and one branch.
pub type Cache<S> = (usize, usize, Option<&'static <S as Sig>::Imp>);

/// The initial cache: valid for a slot nobody touched (word 0), which then calls its body.
pub const fn empty_cache<S: Sig>() -> Cell<Cache<S>> {
    Cell::new((0, NEVER, None))
}

/// The initial override stack: empty.
pub const fn no_overrides<S: Sig>() -> Overrides<S> {
    RefCell::new(Vec::new())
}

/// A thread's overrides of a slot, innermost last, each with the id of its guard.
pub type Overrides<S> = RefCell<Vec<(u64, Override<S>)>>;

/// One override: a closure of this thread, or one shared with a task (`scope`).
pub enum Override<S: Sig> {
    /// From `override_scoped`.
    Local(Rc<S::Local>),
    /// From `scope`: installed around each poll of the task, on whatever thread polls it.
    Shared(Arc<S::Imp>),
}

impl<S: Sig> Clone for Override<S> {
    fn clone(&self) -> Self {
        match self {
            Override::Local(f) => Override::Local(Rc::clone(f)),
            Override::Shared(f) => Override::Shared(Arc::clone(f)),
        }
    }
}

/// A key no word ever has: the thread must take the slow path.
pub const NEVER: usize = usize::MAX;

/// The generation of the next snapshot, shared by all slots so that a word is never reused
/// (a thread's cached key can then never match a later snapshot by accident).
static NEXT_GENERATION: AtomicUsize = AtomicUsize::new(1);
/// The id of the next layer or override guard.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A replacement or a layer with its type erased (a leaked `Box<S::Imp>` or
/// `Box<S::Layer>`), so that the code that keeps them is compiled once for every slot, not
/// once per slot; the slow path gets the type back with a `downcast_ref`.
type Erased = &'static (dyn Any + Send + Sync);

/// What every thread sees of a slot: its replacements and its layers. Leaked when installed.
#[derive(Clone, Default)]
struct Changes {
    /// Oldest first, each with the id its [`Restore`] removes it by: the last one is active.
    replacements: Vec<(u64, Erased)>,
    /// Outermost first, each with the id its [`Layer`] handle removes it by.
    layers: Vec<(u64, Erased)>,
}

/// The part of a slot that does not depend on its function's types.
struct Core {
    word: AtomicUsize,
    state: RwLock<Option<&'static Changes>>,
}

impl Core {
    /// The word, and the snapshot it names (read under the lock).
    fn snapshot(&self) -> (usize, Option<&'static Changes>) {
        let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
        (self.word.load(Relaxed), *state)
    }

    /// Installs the snapshot `change` makes of a copy of the current one.
    fn update(&self, change: &mut dyn FnMut(&mut Changes)) {
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        let mut changes = state.cloned().unwrap_or_default();
        change(&mut changes);
        if changes.replacements.is_empty() && changes.layers.is_empty() {
            *state = None;
            self.word.store(0, Relaxed);
        } else {
            // Leaked on purpose: threads keep a `&'static` to what it holds in their caches,
            // without a lock. One snapshot (two small vectors) per change.
            *state = Some(Box::leak(Box::new(changes)));
            self.word
                .store(NEXT_GENERATION.fetch_add(1, Relaxed), Relaxed);
        }
    }

    fn replace(&'static self, imp: Erased) -> Restore {
        let id = NEXT_ID.fetch_add(1, Relaxed);
        self.update(&mut |changes| changes.replacements.push((id, imp)));
        Restore { core: self, id }
    }

    fn wrap(&'static self, layer: Erased) -> Layer {
        let id = NEXT_ID.fetch_add(1, Relaxed);
        self.update(&mut |changes| changes.layers.insert(0, (id, layer)));
        Layer { core: self, id }
    }

    fn reset(&self) {
        self.update(&mut |changes| {
            changes.replacements.clear();
            changes.layers.clear();
        });
    }

    /// Whether a replacement is installed, and how many layers.
    fn installed(&self) -> (bool, usize) {
        let (_, snapshot) = self.snapshot();
        snapshot.map_or((false, 0), |snapshot| {
            (!snapshot.replacements.is_empty(), snapshot.layers.len())
        })
    }
}

/// A swappable function: the macro emits one `static` per function of an `#[adaptive]`
/// module.
pub struct Slot<S: Sig> {
    core: Core,
    sig: PhantomData<fn() -> S>,
}

/// What the fast path found.
pub enum Fast<S: Sig> {
    /// Call the body.
    Body,
    /// Call this replacement.
    Imp(&'static S::Imp),
    /// Take the slow path, [`Slot::slow`].
    Slow,
}

/// What the slow path found: the implementation that runs (override, else replacement,
/// else body) and the layers around it.
struct Resolved<S: Sig> {
    over: Option<Override<S>>,
    imp: Option<&'static S::Imp>,
    layers: &'static [(u64, Erased)],
}

/// What a slot is doing now, as [`Interface`](super::Interface) reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SlotState {
    /// A replacement (or, for an optional function, a provided implementation) is
    /// installed for every thread.
    pub replaced: bool,
    /// This thread (or task, under `scope`) has an override.
    pub overridden: bool,
    /// How many middleware layers are installed.
    pub layers: usize,
}

impl<S: Sig> Slot<S> {
    /// An untouched slot: calls run the body.
    #[allow(clippy::new_without_default, reason = "a `static` needs a `const fn`")]
    pub const fn new() -> Self {
        Slot {
            core: Core {
                word: AtomicUsize::new(0),
                state: RwLock::new(None),
            },
            sig: PhantomData,
        }
    }

    /// The fast path: one relaxed load of the word, one load of this thread's cache, one
    /// compare.
    ///
    /// Relaxed is enough: the word is only compared with a value this thread read under the
    /// lock, and a thread that synchronised with a change (through a channel, a join, a
    /// lock) sees its word by write-read coherence.
    #[inline(always)]
    pub fn fast(&'static self) -> Fast<S> {
        let word = self.core.word.load(Relaxed);
        let (body, replaced, imp) = S::local().with(Cell::get);
        if word == body {
            Fast::Body
        } else if word == replaced
            && let Some(imp) = imp
        {
            Fast::Imp(imp)
        } else {
            Fast::Slow
        }
    }

    /// The slow path: resolves what runs (refreshing this thread's cache) and runs it with
    /// `args`, through the layers.
    #[cold]
    #[inline(never)]
    pub fn slow<A>(&'static self, args: A) -> <S as Call<A>>::Out
    where
        S: Call<A>,
    {
        let resolved = self.resolve();
        Next::new(&resolved).run(args)
    }

    /// Reads the snapshot under the lock and refreshes this thread's cache.
    ///
    /// Any change another thread made that this one is meant to see (it synchronised with
    /// the change, through a channel, a join or a lock) moved the word this thread compares
    /// its cache with, so it comes here; taking the lock then synchronises it with the
    /// writer, and the snapshot it reads is the one the word names.
    fn resolve(&'static self) -> Resolved<S> {
        let over = innermost::<S>();
        let (word, snapshot) = self.core.snapshot();
        let imp = snapshot
            .and_then(|snapshot| snapshot.replacements.last())
            .and_then(|(_, imp)| imp.downcast_ref::<Box<S::Imp>>())
            .map(|imp| &**imp);
        let layers: &'static [_] = match snapshot {
            Some(snapshot) => &snapshot.layers,
            None => &[],
        };
        let cache = match imp {
            _ if over.is_some() || !layers.is_empty() => (NEVER, NEVER, None),
            None => (word, NEVER, None),
            Some(imp) => (NEVER, word, Some(imp)),
        };
        S::local().with(|local| local.set(cache));
        Resolved { over, imp, layers }
    }

    /// Replaces the implementation for every thread, until [`Restore::restore`] or
    /// [`reset`](Slot::reset). The box is leaked.
    pub fn replace(&'static self, imp: Box<S::Imp>) -> Restore {
        self.core.replace(Box::leak(Box::new(imp)))
    }

    /// Back to the body as written: no replacement, no layers. Overrides are left to their
    /// guards.
    pub fn reset(&'static self) {
        self.core.reset();
    }

    /// What the slot is doing now, seen from this thread.
    pub fn state(&'static self) -> SlotState {
        let (replaced, layers) = self.core.installed();
        SlotState {
            replaced,
            overridden: innermost::<S>().is_some(),
            layers,
        }
    }

    /// Adds a middleware layer, outermost. The box is leaked.
    pub fn wrap(&'static self, layer: Box<S::Layer>) -> Layer {
        self.core.wrap(Box::leak(Box::new(layer)))
    }

    /// Overrides the slot on this thread until the guard drops.
    pub fn override_scoped(&'static self, f: Rc<S::Local>) -> OverrideGuard<S> {
        self.push(Override::Local(f))
    }

    fn push(&'static self, over: Override<S>) -> OverrideGuard<S> {
        let id = NEXT_ID.fetch_add(1, Relaxed);
        // While the thread's locals are being destroyed, there is no stack to push on: the
        // override is then not installed.
        let _ = S::overrides().try_with(|stack| stack.borrow_mut().push((id, over)));
        S::local().with(|local| local.set((NEVER, NEVER, None)));
        OverrideGuard {
            slot: self,
            id,
            not_send: PhantomData,
        }
    }

    fn pop(&'static self, id: u64) {
        let removed = S::overrides()
            .try_with(|stack| {
                let mut stack = stack.borrow_mut();
                // The last one, unless guards are dropped out of order: each removes its own.
                let position = stack.iter().rposition(|(entry, _)| *entry == id)?;
                Some(stack.remove(position))
            })
            .ok()
            .flatten();
        // The next call refreshes the cache.
        S::local().with(|local| local.set((NEVER, NEVER, None)));
        // Dropped after the stack's borrow ends: the closure may own what touches the slot
        // again when dropped (another guard of it).
        drop(removed);
    }

    /// Runs `future` with `f` overriding the slot on whichever thread polls it: the
    /// override is installed around each `poll`, as tokio's `task_local!` does, so it
    /// follows the task across `.await`s and worker threads and is never seen by another
    /// task polled on the same thread. Needs no particular executor.
    pub async fn scope<Fut: Future>(&'static self, f: Arc<S::Imp>, future: Fut) -> Fut::Output {
        let mut future = pin!(future);
        std::future::poll_fn(move |context| {
            let _guard = self.push(Override::Shared(Arc::clone(&f)));
            future.as_mut().poll(context)
        })
        .await
    }
}

/// This thread's innermost override of the slot: none while the thread's locals are being
/// destroyed.
fn innermost<S: Sig>() -> Option<Override<S>> {
    S::overrides()
        .try_with(|stack| stack.borrow().last().map(|(_, over)| over.clone()))
        .ok()
        .flatten()
}

impl<S: Sig> fmt::Debug for Slot<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Slot")
            .field("word", &self.core.word.load(Relaxed))
            .finish_non_exhaustive()
    }
}

/// Takes off what [`replace`](Slot::replace) installed. Not a guard: dropping it keeps the
/// replacement, as a replacement installed at start-up should stay.
#[must_use = "dropping it keeps the replacement; call `restore()` to undo it"]
pub struct Restore {
    core: &'static Core,
    id: u64,
}

impl Restore {
    /// Takes this replacement off. The replacement installed before it is active again if
    /// it is still installed, else the body; restoring in another order takes off only this
    /// one, and after `reset()` it does nothing.
    pub fn restore(self) {
        let id = self.id;
        self.core
            .update(&mut |changes| changes.replacements.retain(|(entry, _)| *entry != id));
    }
}

impl fmt::Debug for Restore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Restore").field("id", &self.id).finish()
    }
}

/// A middleware layer installed by `wrap`. Dropping it keeps the layer; [`Layer::remove`]
/// takes it off.
#[must_use = "dropping it keeps the layer; call `remove()` to take it off"]
pub struct Layer {
    core: &'static Core,
    id: u64,
}

impl Layer {
    /// Takes this layer off; the others stay in their order.
    pub fn remove(self) {
        let id = self.id;
        self.core
            .update(&mut |changes| changes.layers.retain(|(entry, _)| *entry != id));
    }
}

impl fmt::Debug for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Layer").field("id", &self.id).finish()
    }
}

/// An override of the current thread, ended when the guard drops. Not `Send`: it names this
/// thread's override; in async code use the handle's `scope`.
#[must_use = "the override ends when the guard drops"]
pub struct OverrideGuard<S: Sig> {
    slot: &'static Slot<S>,
    id: u64,
    not_send: PhantomData<*const ()>,
}

impl<S: Sig> Drop for OverrideGuard<S> {
    fn drop(&mut self) {
        self.slot.pop(self.id);
    }
}

impl<S: Sig> fmt::Debug for OverrideGuard<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OverrideGuard")
            .field("id", &self.id)
            .finish()
    }
}

/// How a slot calls a layer, and the implementation under the layers, with one choice of its
/// argument struct's lifetimes; generated per slot (`impl<'a> Call<ChargeArgs<'a>> for
/// ChargeSig`). [`Next::run`] is generic over them, so a layer can pass on borrows of its
/// own locals.
pub trait Call<A>: Sig {
    /// The return type (it may borrow from the arguments).
    type Out;
    /// Calls `layer(args, next)`.
    fn layer(layer: &Self::Layer, args: A, next: Next<'_, Self>) -> Self::Out;
    /// Calls the active implementation.
    fn base(active: Active<'_, Self>, args: A) -> Self::Out;
}

/// The implementation under the layers.
pub enum Active<'a, S: Sig> {
    /// This thread's override.
    Local(&'a S::Local),
    /// A task's override (`scope`), or the replacement.
    Shared(&'a S::Imp),
    /// The body as written.
    Body,
}

/// The rest of the chain, handed to a middleware layer: [`Next::run`] calls the next layer,
/// or the active implementation (scoped override, else replacement, else body).
pub struct Next<'n, S: Sig> {
    layers: &'static [(u64, Erased)],
    over: Option<&'n Override<S>>,
    imp: Option<&'static S::Imp>,
}

impl<'n, S: Sig> Next<'n, S> {
    /// The chain a resolved call runs.
    fn new(resolved: &'n Resolved<S>) -> Self {
        Next {
            layers: resolved.layers,
            over: resolved.over.as_ref(),
            imp: resolved.imp,
        }
    }

    /// Calls the next layer with `args`, or the active implementation.
    pub fn run<A>(self, args: A) -> <S as Call<A>>::Out
    where
        S: Call<A>,
    {
        match self.layers.split_first() {
            Some(((_, layer), rest)) => {
                let next = Next {
                    layers: rest,
                    ..self
                };
                // Every layer of this slot is its `Layer` type; one that were not would be
                // skipped rather than trusted.
                match layer.downcast_ref::<Box<S::Layer>>() {
                    Some(layer) => S::layer(layer, args, next),
                    None => next.run(args),
                }
            }
            None => {
                let active = match (self.over, self.imp) {
                    (Some(Override::Local(f)), _) => Active::Local(&**f),
                    (Some(Override::Shared(f)), _) => Active::Shared(&**f),
                    (None, Some(imp)) => Active::Shared(imp),
                    (None, None) => Active::Body,
                };
                S::base(active, args)
            }
        }
    }
}

impl<S: Sig> fmt::Debug for Next<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Next")
            .field("layers", &self.layers.len())
            .field("overridden", &self.over.is_some())
            .field("replaced", &self.imp.is_some())
            .finish()
    }
}
