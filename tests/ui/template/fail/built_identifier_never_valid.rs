modsmith::template! {
    template numbered(name: ident) {
        pub fn ${concat(1, name)}() {}
        pub fn ${concat(f, n)}() {}
    }
}

fn main() {}
