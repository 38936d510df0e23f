modsmith::script! {
    module m {
        pub fn f(x: int) -> int { match x { 1 => 10, 2 => 20 } }
    }
}

fn main() {}
