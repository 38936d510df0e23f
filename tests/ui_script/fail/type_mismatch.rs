modsmith::script! {
    module m {
        pub fn f() -> int { "text" }
    }
}

fn main() {}
