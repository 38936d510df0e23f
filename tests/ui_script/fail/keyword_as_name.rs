modsmith::script! {
    module m {
        pub fn f() -> int { let match = 1; 2 }
    }
}

fn main() {}
