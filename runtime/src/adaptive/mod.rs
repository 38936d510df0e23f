//! Swappable functions: the run-time side of `#[modsmith::adaptive]`.
//!
//! Every function of an `#[adaptive]` module is a slot. Calls go to its body until
//! something changes that, through the function's handle (`module::adapt::name`):
//!
//! - `replace(f)`, for every thread, until [`Restore::restore`] or `reset()`;
//! - `override_scoped(f)`, for the current thread, until the [`OverrideGuard`] drops, or
//!   `scope(f, future)`, for one task wherever it is polled;
//! - `wrap(layer)`: middleware given the arguments and the [`Next`] step, until
//!   [`Layer::remove`] or `reset()`.
//!
//! They stack in that order: a scoped override wins over a replacement, which wins over the
//! body; layers run around whichever of these is active, the newest outermost.
//!
//! A call through a slot nothing changed costs a load of the slot's word, a load of a
//! thread-local and a compare (`benches/RESULTS.md`). Replacements and layers are leaked
//! when installed (never freed), and each global change (`replace`, `restore`, `wrap`,
//! `remove`, `reset`) leaks a small snapshot of the slot's state (two vectors): that is what
//! lets every thread keep a `&'static` to them without a lock. Change slots at start-up or
//! in tests, not in a hot loop. Overrides are freed when their guard drops.

mod fill;
mod interface;
mod slot;

pub use fill::FillError;
pub use interface::{FunctionInfo, Interface, NotProvided};
pub use slot::{Layer, Next, OverrideGuard, Restore, SlotState};

#[doc(hidden)]
pub mod support {
    pub use super::fill::{Argument, ArgumentRef, Returned, SlotShape, Through, call, check};
    pub use super::interface::{
        FunctionEntry, Manifest, NotProvidedError, OptionalReturn, interface, supports,
    };
    pub use super::slot::{
        Active, Cache, Call, Fast, Override, Overrides, Sig, Slot, empty_cache, no_overrides,
    };
    pub use std::boxed::Box;
    pub use std::cell::Cell;
    pub use std::rc::Rc;
    pub use std::sync::Arc;
    pub use std::thread::LocalKey;
    pub use std::thread_local;
}
