modsmith::template! {
    template price(Name: ident) {
        pub struct $Name;
        pub const PRICE: &str = "5" $ ;
    }
}

fn main() {}
