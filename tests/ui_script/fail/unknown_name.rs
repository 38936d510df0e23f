modsmith::script! {
    module m {
        pub fn f(total: int) -> int { totl }
    }
}

fn main() {}
