modsmith::template! {
    #[template(crat = my_modsmith)]
    template unit(Name: ident) {
        pub struct $Name;
    }
}

fn main() {}
