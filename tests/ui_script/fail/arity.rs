modsmith::script! {
    module m {
        fn g(a: int) -> int { a }
        pub fn f() -> int { g(1, 2) }
    }
}

fn main() {}
