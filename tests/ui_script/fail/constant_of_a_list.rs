modsmith::script! {
    module m {
        const XS: list[int] = [1, 2];
        pub fn f() -> int { 1 }
    }
}

fn main() {}
