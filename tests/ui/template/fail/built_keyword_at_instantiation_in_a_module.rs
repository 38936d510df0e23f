modsmith::template! {
    template getter(field: ident) {
        pub fn ${snake(field)}() {}
    }
}

getter! { mod getters; field = Fn }

// The module is declared, empty, so that paths into it are not errors too.
#[allow(unused_imports)]
use getters::*;

fn main() {}
