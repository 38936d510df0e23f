// Under different `#[cfg]`s, two members may share a name only when they are the same item
// name in the same namespace (rustc reports them if both are compiled); a rename, or a module
// and a function, would be two members of one name at run time.
#[modsmith::export_module]
pub mod platform {
    pub fn name() -> &'static str {
        "generic"
    }

    #[cfg(unix)]
    #[export(rename = "name")]
    pub fn unix_name() -> &'static str {
        "unix"
    }

    pub fn tools() {}

    #[cfg(unix)]
    pub mod tools {}
}

fn main() {}
