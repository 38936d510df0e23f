modsmith::script! {
    module m {
        pub record Item { cents: int }
        pub fn f(item: Item) -> int { item.cent }
    }
}

fn main() {}
