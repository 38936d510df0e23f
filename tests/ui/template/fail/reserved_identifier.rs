modsmith::template! {
    template wrapper(Name: ident) {
        pub struct $Name;
        pub const __modsmith_dollar: u8 = 1;
    }
}

fn main() {}
