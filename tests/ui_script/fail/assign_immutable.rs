modsmith::script! {
    module m {
        pub fn f() -> int { let x = 1; x = 2; x }
    }
}

fn main() {}
