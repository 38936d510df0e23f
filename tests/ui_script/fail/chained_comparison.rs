modsmith::script! {
    module m {
        pub fn f(a: int) -> bool { 1 < a < 3 }
    }
}

fn main() {}
