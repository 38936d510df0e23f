modsmith::script! {
    module m {
        pub fn first() -> int {
            let found = none;
            match found { some(x) => x, none => 0 }
        }
    }
}

fn main() {}
