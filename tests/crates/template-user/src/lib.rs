//! Instances of a template defined in another crate.

/// A value of this crate, named in an argument.
pub const BASE: i64 = 40;

modsmith_test_template_lib::registry! {
    /// Colours, from the template crate's `registry`.
    pub mod colours;
    Name = Colours, names = [Red, DarkGreen], values = [1, crate::BASE + 2],
}

modsmith_test_template_lib::registry! {
    Name = Sizes, names = [small], values = [BASE], prefix = "size",
}
