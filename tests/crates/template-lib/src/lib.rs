//! Public templates, instantiated by another crate (`modsmith-test-template-user`).

/// What every generated registry reports; reached from instances through `$crate`.
pub fn registry_version() -> u32 {
    3
}

modsmith::template! {
    /// A fixed registry of named values, with a lookup function per value.
    pub template registry(Name: ident, names: [ident], values: [expr], prefix: str = "item") {
        pub struct $Name;

        impl $Name {
            pub const NAMES: &'static [&'static str] = &[$( ${stringify(names)} ),*];
            pub const PREFIX: &'static str = $prefix;

            pub fn version() -> u32 {
                $crate::registry_version()
            }

            $(
                pub fn ${concat(get_, snake(names))}() -> i64 {
                    $values
                }
            )*
        }
    }
}
