modsmith::script! {
    module m {
        pub fn f(items: list[int]) -> int { lenn(items) }
    }
}

fn main() {}
