modsmith::script! {
    module m {
        record Item { cents: int }
        pub fn f(item: Item) -> int { item.cents }
    }
}

fn main() {}
