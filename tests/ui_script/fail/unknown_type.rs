modsmith::script! {
    module m {
        pub fn f(x: integer) -> int { 1 }
    }
}

fn main() {}
