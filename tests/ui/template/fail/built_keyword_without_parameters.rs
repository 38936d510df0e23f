modsmith::template! {
    template matcher(Name: ident) {
        pub struct $Name;
        pub fn ${concat(ma, tch)}() {}
    }
}

fn main() {}
