// A name in `concat` that is not a parameter is text; one close to a parameter's name is
// probably a typo: a warning (denied here to show it).
#![deny(deprecated)]

modsmith::template! {
    template getter(name: ident) {
        pub fn ${concat(get_, nmae)}() {}
        pub struct $name;
    }
}

getter! { name = Thing }

fn main() {}
