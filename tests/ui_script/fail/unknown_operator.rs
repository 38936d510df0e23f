modsmith::script! {
    module m {
        pub fn f(a: int) -> int { a ^ 2 }
    }
}

fn main() {}
