modsmith::script! {
    module m {
        pub record Item { name: str, cents: int }
        pub fn f() -> Item { Item { name: "tea" } }
    }
}

fn main() {}
