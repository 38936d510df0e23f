modsmith::script! {
    module m {
        pub fn f(x: int) -> int { let y = x; }
    }
}

fn main() {}
