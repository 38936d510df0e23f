modsmith::template! {
    #[template(crate = modsmith, crate = other)]
    template unit(Name: ident) {
        pub struct $Name;
    }
}

fn main() {}
