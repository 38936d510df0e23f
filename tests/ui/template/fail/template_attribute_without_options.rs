modsmith::template! {
    #[template]
    template unit(Name: ident) {
        pub struct $Name;
    }

    #[template("my_modsmith")]
    template other(Name: ident) {
        pub struct $Name;
    }
}

fn main() {}
