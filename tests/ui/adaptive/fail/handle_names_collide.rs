// `foo_bar` and `foo__bar` would both have the handle type `adapt::FooBar`.
#[modsmith::adaptive]
pub mod m {
    pub fn foo_bar() -> u32 {
        1
    }

    pub fn foo__bar() -> u32 {
        2
    }
}

fn main() {}
