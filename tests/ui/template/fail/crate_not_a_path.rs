modsmith::template! {
    #[template(crate = 5)]
    template unit(Name: ident) {
        pub struct $Name;
    }

    #[template(crate = pub(crate))]
    template other(Name: ident) {
        pub struct $Name;
    }
}

fn main() {}
