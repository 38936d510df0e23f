//! A program as a `DynModule`: placeholder replaced below.
