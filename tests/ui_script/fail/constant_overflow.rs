modsmith::script! {
    module m {
        const BIG: int = 9223372036854775807 + 1;
        pub fn f() -> int { BIG }
    }
}

fn main() {}
