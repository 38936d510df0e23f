// An `impl Trait` parameter makes the function generic: refused at the type.
#[modsmith::adaptive]
pub mod m {
    pub fn show(value: impl std::fmt::Display) -> String {
        value.to_string()
    }
}

fn main() {}
