modsmith::script! {
    module m {
        pub fn f() {}
        fn f() {}
    }
}

fn main() {}
