modsmith::template! {
    template getter(field: ident) {
        pub fn ${kebab(field)}() {}
    }
}

fn main() {}
