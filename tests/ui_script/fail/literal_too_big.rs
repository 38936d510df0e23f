modsmith::script! {
    module m {
        pub fn f() -> int { 99999999999999999999 }
    }
}

fn main() {}
