modsmith::script! {
    file = "tests/scripts/pricing.ms",
    module m { pub fn f() -> int { 1 } }
}

fn main() {}
