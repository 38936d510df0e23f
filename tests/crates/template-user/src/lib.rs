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

modsmith_test_renamed::renamed_pair! {
    /// From a crate that calls modsmith `ms`; this crate has no name for modsmith at all.
    pub mod pair;
    Name = Pair, first = "left", second = "right",
}
