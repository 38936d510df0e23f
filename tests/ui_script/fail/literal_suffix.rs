modsmith::script! {
    module m {
        pub fn f() -> int { 5u8 }
    }
}

fn main() {}
