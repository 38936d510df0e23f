modsmith::script! {
    module m {
        pub fn a() -> int { "text" }
        pub fn b() -> int { missing }
        pub fn c(x: float) -> int { x }
    }
}

fn main() {}
