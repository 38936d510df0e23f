modsmith::script! {
    module m {
        pub fn f() { break; }
    }
}

fn main() {}
