// A lifetime that no parameter names cannot be stated by a replacement's closure type.
#[modsmith::adaptive]
pub mod names {
    pub fn default_name<'a>() -> &'a str {
        "ann"
    }
}

fn main() {}
