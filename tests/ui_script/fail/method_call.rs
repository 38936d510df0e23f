modsmith::script! {
    module m {
        pub fn f(items: list[int]) -> int { items.len() }
    }
}

fn main() {}
