modsmith::template! {
    template pair(Name: ident, Name: type) {
        pub struct $Name;
    }
}

fn main() {}
