modsmith::script! {
    module m {
        pub fn f(a: int, b: float) -> float { a + b }
    }
}

fn main() {}
